"""What the benchmarks share: gunicorn servers, their CPU time, and a loopback HTTP load generator.

The load generator is asyncio on raw sockets (one request per connection, as gunicorn's sync
workers close every connection), so the client costs as little CPU as Python allows; it only
ever connects to 127.0.0.1.
"""

import asyncio
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.production.services import Process, free_port, wait_for_port  # noqa: E402,F401 - also for bench/pages.py

PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


class Gunicorn:
    """gunicorn with `workers` sync workers on a free loopback port; stopped by its own process group."""

    def __init__(self, env: dict, log: Path, workers: int = 2, pythonpath: str = "site", cwd: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = Process(
            [GUNICORN, "--pythonpath", pythonpath, "wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--no-control-socket", "--backlog", "2048"],
            log, env=env, cwd=cwd,
        )  # fmt: skip
        self.process = self._server.popen
        wait_for_port(self.port, self.process, log)

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def cpu_seconds(self) -> float:
        """User plus system CPU time of the master and its workers so far."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in [self.process.pid, *self.workers()]:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self):
        self._server.stop()


def request_bytes(path: str, host: str = "127.0.0.1", headers: dict | None = None) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close", "X-Forwarded-Proto: https"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def fetch(port: int, raw: bytes, timeout: float = 30) -> tuple[int, bytes]:
    """(status, headers and body) of one request; status 0 for a connection error or a timeout."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
        writer.write(raw)
        data = await asyncio.wait_for(reader.read(-1), timeout)
        writer.close()
        return int(data[9:12]), data
    except (TimeoutError, OSError, ValueError):
        return 0, b""


async def _hammer(port: int, raw: bytes, connections: int, seconds: float) -> Counter:
    statuses = Counter()
    deadline = time.monotonic() + seconds

    async def worker():
        while time.monotonic() < deadline:
            status, _ = await fetch(port, raw)
            statuses[status] += 1

    await asyncio.gather(*(worker() for _ in range(connections)))
    return statuses


def measure(server: Gunicorn, path: str, seconds: float, connections: int = 8, headers=None) -> dict:
    """req/s and server CPU ms per request for `path`, after a short warm-up."""
    raw = request_bytes(path, headers=headers)
    asyncio.run(_hammer(server.port, raw, connections, min(1.0, seconds / 3)))
    cpu_before, started = server.cpu_seconds(), time.monotonic()
    statuses = asyncio.run(_hammer(server.port, raw, connections, seconds))
    elapsed, cpu = time.monotonic() - started, server.cpu_seconds() - cpu_before
    done = sum(statuses.values())
    ok = statuses.get(200, 0)
    return {
        "requests": done,
        "non_200": done - ok,
        "req_per_s": done / elapsed,
        "cpu_ms": 1000 * cpu / max(done, 1),
    }
