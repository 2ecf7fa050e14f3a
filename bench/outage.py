"""Load test through outages: 200 connections for 60 s against two app servers, on loopback only.

    .venv/bin/python bench/outage.py [--connections 200] [--seconds 60]

It starts a PostgreSQL cluster (initdb, pg_ctl) and a redis-server of its own on free ports
(never the machine's shared ones), moto's S3 server, and two gunicorn servers with
settings.production (2 sync workers each) on the demo, exactly as tests/production does. Half of
the requests are pages warmed into the page cache, half are uncached (searches for words no
one searched before). While the load runs:

    PostgreSQL is stopped at 20% of the run and started again at 40%;
    Redis is stopped at 60% and started again at 75%.

It reports the responses by phase, kind and status, and checks the rules: during the database
outage a cached page is 200 and any other is 200 or 503; while Redis is down everything is
200 (served uncached); before and after, everything is 200. Exit status 1 if any rule is broken.
"""

import argparse
import asyncio
import itertools
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from loadgen import fetch, request_bytes  # noqa: E402

from tests.production.own_services import OwnPostgres, OwnRedis  # noqa: E402
from tests.production.services import MotoS3, ProductionStack  # noqa: E402


class Timeline:
    """When each outage began and ended (monotonic seconds), filled in by the thread causing them."""

    def __init__(self):
        self.marks = {}

    def mark(self, name):
        self.marks[name] = time.monotonic()

    def phase(self, started: float, finished: float) -> str:
        """The outage a request overlapped, if any: a request in flight when a service stopped or came
        back is judged by the outage's rules."""
        for outage in ("database", "redis"):
            down, up = self.marks.get(f"{outage} down"), self.marks.get(f"{outage} up")
            if down is not None and finished >= down and (up is None or started <= up):
                return f"{outage} outage"
        return "before" if "database down" not in self.marks else "after"


def cause_outages(postgres, redis, seconds, timeline, started):
    def at(fraction):
        time.sleep(max(0.0, started + seconds * fraction - time.monotonic()))

    at(0.20)
    timeline.mark("database down")
    postgres.stop()
    at(0.40)
    postgres.start()
    timeline.mark("database up")
    at(0.60)
    timeline.mark("redis down")
    redis.stop()
    at(0.75)
    redis.start()
    timeline.mark("redis up")


async def run_load(ports, cached_urls, connections, seconds, timeline):
    results = Counter()
    deadline = time.monotonic() + seconds
    words = itertools.count()

    async def client(n):
        rng = random.Random(n)
        while time.monotonic() < deadline:
            port = rng.choice(ports)
            if rng.random() < 0.5:
                kind, path = "cached", rng.choice(cached_urls)
            else:
                kind, path = "uncached", f"/search/?q=word{next(words)}"
            started = time.monotonic()
            status, _ = await fetch(port, request_bytes(path))
            results[(timeline.phase(started, time.monotonic()), kind, status)] += 1

    await asyncio.gather(*(client(n) for n in range(connections)))
    return results


ALLOWED = {
    ("before", "cached"): {200},
    ("before", "uncached"): {200},
    ("database outage", "cached"): {200},
    ("database outage", "uncached"): {200, 503},
    ("redis outage", "cached"): {200},
    ("redis outage", "uncached"): {200},
    ("after", "cached"): {200},
    ("after", "uncached"): {200},
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()

    logs = Path(tempfile.mkdtemp(prefix="cn-outage-"))
    s3, postgres, redis, stack = MotoS3(logs), OwnPostgres(), OwnRedis(logs), None
    try:
        print("Setting up PostgreSQL, Redis, S3 and two gunicorn servers with the demo...", flush=True)
        stack = ProductionStack(s3, logs, logs / "static", postgres_url=postgres.url, redis=redis)
        rows = stack.query("SELECT url_path FROM wagtailcore_page WHERE depth >= 2 AND live ORDER BY path")
        cached_urls = ["/" + url_path.split("/", 2)[2] for (url_path,) in rows]
        for path in cached_urls:  # warm the shared page cache
            asyncio.run(fetch(stack.ports[0], request_bytes(path)))

        timeline = Timeline()
        print(f"{args.connections} connections for {args.seconds:.0f} s; logs in {logs}", flush=True)
        started = time.monotonic()
        outages = threading.Thread(
            target=cause_outages, args=(postgres, redis, args.seconds, timeline, started), daemon=True
        )
        outages.start()
        results = asyncio.run(run_load(stack.ports, cached_urls, args.connections, args.seconds, timeline))
        outages.join()
    finally:
        if stack is not None:
            try:
                stack.stop()
            except Exception as error:  # noqa: BLE001 - clean up the rest whatever happens
                print(f"stopping the servers: {error}")
        redis.stop()
        postgres.remove()
        s3.stop()

    print("\n| phase | pages | status | responses |")
    print("| --- | --- | ---: | ---: |")
    broken = 0
    for (phase, kind, status), number in sorted(results.items()):
        ok = status in ALLOWED[(phase, kind)]
        broken += 0 if ok else number
        print(f"| {phase} | {kind} | {status or 'no answer'} | {number}{'' if ok else ' (broken rule)'} |")
    total = sum(results.values())
    print(f"\n{total} responses in {args.seconds:.0f} s ({total / args.seconds:.0f}/s); {broken} broke the rules.")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
