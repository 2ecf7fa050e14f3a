"""A Redis and a PostgreSQL server of the caller's own, on free loopback ports, to stop and start.

The machine's shared servers must never be stopped: tests of outages (and bench/outage.py) start
these instead, in a temporary folder, and remove them afterwards.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .services import Process, free_port, unavailable, wait_for_port


class OwnRedis:
    """redis-server on a free port, without persistence: a restart loses every key, as a new node would."""

    def __init__(self, log_dir: Path):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            unavailable("redis-server is not installed (apt-get install redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_dir = log_dir
        self.process = None
        self.start()

    def start(self):
        log = self.log_dir / f"redis-{self.port}.log"
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = Process(args, log)
        wait_for_port(self.port, self.process.popen, log)

    def stop(self):
        if self.process is not None:
            self.process.stop()
            self.process = None


class OwnPostgres:
    """A PostgreSQL cluster made with initdb in a temporary folder, served by pg_ctl on a free port."""

    def __init__(self):
        self.bin = Path(shutil.which("pg_ctl") or "/usr/lib/postgresql/15/bin/pg_ctl").resolve().parent
        if not (self.bin / "initdb").exists():
            unavailable("PostgreSQL's initdb and pg_ctl are not installed")
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="cn-own-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        # initdb refuses to run as root: run the server as the postgres user then.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        self.start()

    def _run(self, tool, *args):
        result = subprocess.run(
            [*self.as_user, str(self.bin / tool), *args], capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed: {result.stdout}\n{result.stderr}")

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start")

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self, down_seconds: float = 0):
        self.stop()
        time.sleep(down_seconds)
        self.start()

    def database_url(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def remove(self):
        try:
            self.stop()
        except RuntimeError:
            pass  # already stopped
        shutil.rmtree(self.dir, ignore_errors=True)
