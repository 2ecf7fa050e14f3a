"""Real services for the production-stack tests: moto's S3 server, PostgreSQL, Redis, gunicorn.

Outside CI a service that cannot be reached skips the tests that need it, with the reason. In
CI (CI=true) the same test fails instead: nothing here is allowed to be skipped there.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import boto3
import pytest
import requests
from botocore.config import Config

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(sys.executable).parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def unavailable(reason: str):
    """Skip locally, fail in CI."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the production-stack tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listened on 127.0.0.1:{port} within {timeout}s:\n{log.read_text()[-3000:]}")


class Process:
    """A child process with its output in a log file; stopped by its own id."""

    def __init__(self, args, log: Path, env=None, cwd=BASE_DIR):
        self.log = log
        self._log_file = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(
            args, stdout=self._log_file, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True
        )

    def stop(self):
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
        self._log_file.close()


def run_tool(args):
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:1])} failed:\n{result.stdout}\n{result.stderr}")


class MotoS3:
    """moto's standalone server on a free loopback port.

    With `enforce_auth`, moto checks every request's signature against IAM users it knows
    (INITIAL_NO_AUTH_ACTION_COUNT): the first three requests create a user, its key and its
    policy, and from then on wrong credentials are refused as S3 would refuse them.
    """

    REGION = "us-east-1"

    def __init__(self, log_dir: Path, enforce_auth: bool = False):
        self.port = free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        if enforce_auth:
            env["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"
        log = log_dir / f"moto-{self.port}.log"
        self.process = Process([PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)], log, env=env)
        wait_for_port(self.port, self.process.popen, log)
        # Any key will do until moto enforces signatures.
        self.access_key, self.secret_key = "testing-key-id", "testing-secret"
        if enforce_auth:
            iam = boto3.client("iam", **self._client_args())
            iam.create_user(UserName="media")
            key = iam.create_access_key(UserName="media")["AccessKey"]
            iam.put_user_policy(
                UserName="media",
                PolicyName="media-bucket",
                PolicyDocument=json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
                    }
                ),
            )
            self.access_key, self.secret_key = key["AccessKeyId"], key["SecretAccessKey"]

    def _client_args(self):
        return {
            "endpoint_url": self.endpoint_url,
            "region_name": self.REGION,
            "aws_access_key_id": self.access_key,
            "aws_secret_access_key": self.secret_key,
            "config": Config(signature_version="s3v4", retries={"max_attempts": 1}),
        }

    def client(self):
        return boto3.client("s3", **self._client_args())

    def new_bucket(self) -> str:
        name = f"cn-media-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        response = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in response.get("Contents", []))

    def storage_options(self, bucket: str, **overrides) -> dict:
        """What settings.production passes to MediaStorage, pointed at this server."""
        options = {
            "bucket_name": bucket,
            "endpoint_url": self.endpoint_url,
            "region_name": self.REGION,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
        }
        options.update(overrides)
        return options

    def stop(self):
        self.process.stop()


def postgres_server_url() -> str:
    """The PostgreSQL server to create production databases on: DATABASE_URL's, or the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    return url


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def postgres_connect(url: str):
    import psycopg

    return psycopg.connect(with_database(url, "postgres"), autocommit=True, connect_timeout=3)


class PostgresDatabase:
    """A database of its own on the PostgreSQL server, dropped afterwards."""

    def __init__(self, prefix: str = "cn_stack", server_url: str | None = None):
        self.server_url = server_url or postgres_server_url()
        self.name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        try:
            with postgres_connect(self.server_url) as conn:
                conn.execute(f'CREATE DATABASE "{self.name}"')
        except Exception as error:  # noqa: BLE001 - any failure means "no PostgreSQL here"
            unavailable(f"PostgreSQL at {urlsplit(self.server_url).netloc} cannot be used: {error}")
        self.url = with_database(self.server_url, self.name)

    def drop(self):
        with postgres_connect(self.server_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", DEFAULT_REDIS_URL)
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001
        unavailable(f"Redis at {url} cannot be used: {error}")
    return url


class SiteClient:
    """A visitor (or an editor) talking HTTP to one app server, as if through the TLS proxy."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()
        # What the proxy in front of gunicorn adds: the request came over HTTPS.
        self.session.headers["X-Forwarded-Proto"] = "https"

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.base_url}{path}"

    def get(self, path: str, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        return self._keep_cookies(self.session.get(self.url(path), timeout=30, **kwargs))

    def _keep_cookies(self, response):
        # The servers mark their cookies Secure; between the TLS proxy these tests stand in for
        # and gunicorn, the connection is plain HTTP, so the jar must send them anyway.
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def post(self, path: str, data=None, files=None, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        headers = {"Origin": self.base_url.replace("http://", "https://"), **kwargs.pop("headers", {})}
        data = dict(data or {})
        data["csrfmiddlewaretoken"] = self.csrf_token()
        response = self.session.post(self.url(path), data=data, files=files, headers=headers, timeout=60, **kwargs)
        return self._keep_cookies(response)

    def csrf_token(self) -> str:
        token = self.session.cookies.get("csrftoken")
        if token is None:
            self.get("/admin/login/")
            token = self.session.cookies["csrftoken"]
        return token

    def log_in(self, username: str, password: str):
        response = self.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
        assert response.status_code == 302, f"login failed: {response.status_code} {response.text[:500]}"
        return response
