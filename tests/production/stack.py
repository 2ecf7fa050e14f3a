"""The production stack for the tests: gunicorn servers with settings.production on PostgreSQL,
moto's S3 and Redis (the services themselves are in services.py)."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

from .services import (
    BASE_DIR,
    BIN,
    PYTHON,
    MotoS3,
    PostgresDatabase,
    Process,
    free_port,
    redis_url,
    run_tool,
    unavailable,
    wait_for_port,
)

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
