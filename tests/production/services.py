"""Real services for the production-stack tests: moto's S3 server, PostgreSQL, Redis, gunicorn.

Outside CI a service that cannot be reached skips the tests that need it, with the reason. In
CI (CI=true) the same test fails instead: nothing here is allowed to be skipped there.
"""

import json
import os
import shutil
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


# What `manage.py` runs to set a stack up: the deployment's commands (README, "Deploying") with the
# production settings, in one process rather than one per command (each start imports Django and
# Wagtail again), then the database connection the servers will get, for test_settings.py.
SETUP = """
from django.core.management import call_command
from django.db import connection

call_command("migrate", interactive=False)
call_command("load_demo")
call_command("collectstatic", interactive=False, verbosity=0)
call_command("createsuperuser", interactive=False, username={username!r}, email="admin@example.org")
with connection.cursor() as c:
    c.execute("SHOW statement_timeout")
    print({marker!r}, connection.Database.__name__, connection.vendor, c.fetchone()[0])
"""
CONNECTION_MARKER = "stack-database-connection:"


class ProductionStack:
    """Two gunicorn servers with settings.production, sharing one PostgreSQL database, one S3
    bucket on moto's server and one Redis, as several app servers behind a load balancer would.

    The database is migrated and the demo loaded through `manage.py`, with the production settings.
    A stack made `from_copy_of` another starts instead from a copy of that stack's database as it
    was when set up (its backup, restored as a new server's would be), a bucket of its own with a
    copy of the objects the setup stored, and the same collected static files.
    """

    ADMIN_USER, ADMIN_PASSWORD = "stack-admin", "a-long-test-password-for-the-stack"

    def __init__(
        self,
        s3: MotoS3,
        log_dir: Path,
        static_root: Path,
        *,
        postgres_url=None,
        redis=None,
        extra_env=None,
        backup=False,
        from_copy_of: "ProductionStack | None" = None,
        server_count: int = 2,
        workers: int = 2,
    ):
        """`postgres_url` and `redis` (an OwnRedis): servers of the caller's own, to stop and start.
        `backup`: keep a dump of the freshly set-up database, for stacks made `from_copy_of` this
        one. `server_count`, `workers` (each server's): fewer for a test that needs fewer (each
        worker imports Django as it boots)."""
        self.s3 = s3
        self.log_dir = log_dir
        self.static_root = static_root
        self.database = PostgresDatabase(server_url=postgres_url)
        self.servers: list[Process] = []
        self.workers = workers
        self.backup = self.backup_error = None
        self.setup_output = ""  # a copy has none
        try:
            self.redis_url = redis.url if redis else redis_url()
            self.cache_prefix = f"cn-test-{uuid.uuid4().hex[:8]}"
            self.bucket = s3.new_bucket()
            self.ports = [free_port() for _ in range(server_count)]
            self.env = {**self.environment(static_root), **(extra_env or {})}
            if from_copy_of is None:
                self.setup_output = self.manage(
                    "shell",
                    "--no-imports",
                    "-c",
                    SETUP.format(username=self.ADMIN_USER, marker=CONNECTION_MARKER),
                )
            else:
                self.restore(from_copy_of)
            if backup:
                self.backup = self.dump()
            # The servers boot at once, as they would on machines of their own.
            for port in self.ports:
                self.servers.append(self.start_gunicorn(port))
            for port, server in zip(self.ports, self.servers, strict=True):
                wait_for_port(port, server.popen, server.log)
        except BaseException:
            self.stop()
            raise
        self.urls = [f"http://127.0.0.1:{port}" for port in self.ports]

    @property
    def database_connection(self) -> str:
        """What the setup's `manage.py` process printed of its database connection: driver, vendor,
        statement_timeout."""
        [line] = [line for line in self.setup_output.splitlines() if line.startswith(CONNECTION_MARKER)]
        return line.removeprefix(CONNECTION_MARKER)

    def dump(self) -> dict | None:
        """A backup of the database and the bucket's keys, right after the setup; None, with the
        reason in `backup_error`, where pg_dump cannot make one (missing, or older than the server)."""
        pg_dump = shutil.which("pg_dump")
        path = self.log_dir / f"{self.database.name}.dump"
        try:
            if pg_dump is None:
                raise RuntimeError("PostgreSQL's pg_dump is not installed")
            run_tool([pg_dump, "--format=custom", "--no-owner", "--file", str(path), self.database.url])
        except RuntimeError as error:
            self.backup_error = str(error)
            return None
        return {"database": path, "keys": self.s3.keys(self.bucket), "bucket": self.bucket}

    def restore(self, stack: "ProductionStack"):
        """This stack's database and bucket from `stack`'s backup."""
        if stack.backup is None:
            raise RuntimeError(f"the stack to copy has no backup: {stack.backup_error or 'made without backup=True'}")
        pg_restore = shutil.which("pg_restore")
        if pg_restore is None:
            unavailable("PostgreSQL's pg_restore is not installed")
        dump = str(stack.backup["database"])
        run_tool([pg_restore, "--no-owner", "--exit-on-error", "--dbname", self.database.url, dump])
        client = self.s3.client()
        for key in stack.backup["keys"]:
            client.copy_object(Bucket=self.bucket, Key=key, CopySource={"Bucket": stack.backup["bucket"], "Key": key})

    def environment(self, static_root: Path) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_", "PYTEST"))}
        env.update(
            DJANGO_SETTINGS_MODULE="settings.production",
            SECRET_KEY=f"stack-test-{uuid.uuid4().hex}{uuid.uuid4().hex}",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            WAGTAILADMIN_BASE_URL=f"https://127.0.0.1:{self.ports[0]}",
            DATABASE_URL=self.database.url,
            AWS_STORAGE_BUCKET_NAME=self.bucket,
            AWS_S3_ENDPOINT_URL=self.s3.endpoint_url,
            AWS_S3_REGION_NAME=self.s3.REGION,
            AWS_ACCESS_KEY_ID=self.s3.access_key,
            AWS_SECRET_ACCESS_KEY=self.s3.secret_key,
            REDIS_URL=self.redis_url,
            CACHE_KEY_PREFIX=self.cache_prefix,
            STATIC_ROOT=str(static_root),
            DJANGO_SUPERUSER_PASSWORD=self.ADMIN_PASSWORD,
            LOG_LEVEL="WARNING",
        )
        return env

    def manage(self, *args) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], env=self.env, cwd=BASE_DIR, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def start_gunicorn(self, port: int) -> Process:
        """Started: the caller waits for its port."""
        log = self.log_dir / f"gunicorn-{port}.log"
        return Process(
            [
                str(BIN / "gunicorn"),
                "--pythonpath",
                "site",
                "wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.workers),
                # Several servers on one machine: no shared control socket in ~/.gunicorn.
                "--no-control-socket",
            ],
            log,
            # A temporary folder of its own, as on separate machines: nothing may rely on another server's.
            env={**self.env, "TMPDIR": str(self._tmpdir(port))},
        )

    def _tmpdir(self, port: int) -> Path:
        folder = self.log_dir / f"tmp-{port}"
        folder.mkdir(exist_ok=True)
        return folder

    def query(self, sql: str, *params):
        import psycopg

        with psycopg.connect(self.database.url, autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()

    def stop(self):
        for server in self.servers:
            server.stop()
        self.database.drop()
        if self.backup:
            self.backup["database"].unlink(missing_ok=True)
        if getattr(self, "cache_prefix", None):
            import redis

            client = redis.Redis.from_url(self.redis_url)
            for key in client.scan_iter(f"{self.cache_prefix}*"):
                client.delete(key)
