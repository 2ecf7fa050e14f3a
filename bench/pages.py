"""Benchmark: req/s, server CPU per request and queries of every kind of public page.

    .venv/bin/python bench/pages.py [--db sqlite|postgres|both] [--seconds 4] [--connections 8]
                                    [--baseline /path/to/another/checkout]

For each database it builds a site in a temporary folder (migrate, collectstatic, the demo, and
an event whose days hold 5, 40 and 200 generated talks), serves it with gunicorn (2 sync
workers, settings.production with DEBUG off, WhiteNoise) on loopback, and loads each page with
`--connections` concurrent clients for `--seconds`:

- uncached (no REDIS_URL): every page type, and the day page at 5, 40 and 200 talks;
- with the page cache (a redis-server of its own on a free port): a cached talk page against a
  static CSS file served by WhiteNoise, in the same server and the same run.

With `--baseline`, the same site (same database, same settings) is also served by another
checkout of the project, e.g. `main` before this change, and its uncached pages are measured in
the same run, so that the comparison is a ratio on one machine at one time.

CPU is the gunicorn processes' user+system time over the requests they answered. Queries are
counted in-process with Django's test client (after a warm-up request). PostgreSQL gets a database
of its own on BENCH_POSTGRES_URL's server (default postgres://postgres@127.0.0.1:5432/postgres),
dropped afterwards. It prints a table and the targets of issue 12 as ratios within the run.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import PYTHON, ROOT, Gunicorn, free_port, measure, wait_for_port  # noqa: E402

PREPARE = r"""
import datetime, json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.models import EventPage, DayPage, Speaker, TalkPage

speakers = [make_speaker(f"Bench Speaker {n}") for n in range(20)]
event = make_event("Bench Conference", start_date=datetime.date(2025, 3, 3))
sizes = {}
for size in (5, 40, 200):
    day = make_day(event)
    for n in range(size):
        make_talk(day, f"Generated talk {n} of {size}", speakers=[speakers[n % 20], speakers[(n + 7) % 20]],
                  tags=["bench", f"topic-{n % 9}"], summary=f"A generated talk, number {n}.",
                  start_time=datetime.time(9 + n % 9, 0) if n % 4 else None,
                  body=[("paragraph", f"<p>Notes of talk {n}.</p>")])
    sizes[size] = day.url

demo = EventPage.objects.live().exclude(pk=event.pk).first()
talks = TalkPage.objects.live().descendant_of(demo).order_by("path")
speaker = Speaker.objects.public().with_talk_count().order_by("-talk_count", "name").first()
urls = {
    "home": "/",
    "event": demo.url,
    "day": DayPage.objects.live().child_of(demo).first().url,
    "talk": talks.filter(kind="talk").first().url,
    "panel talk (quotes by speakers)": talks.filter(kind="panel").first().url,
    "lightning session": talks.filter(kind="lightning").first().url,
    "speakers index": "/speakers/",
    "speaker": speaker.get_absolute_url(),
    "search": "/search/?q=django",
    "day, 5 talks": sizes[5],
    "day, 40 talks": sizes[40],
    "day, 200 talks": sizes[200],
}
client = Client(headers={"X-Forwarded-Proto": "https"})
queries = {}
for name, url in urls.items():
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries[name] = len(ctx.captured_queries)
print("BENCH-JSON " + json.dumps({"urls": urls, "queries": queries}))
"""


def environment(folder: Path, database: str, postgres_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=f"{ROOT / 'site'}:{ROOT / 'bench'}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        WAGTAILADMIN_BASE_URL="https://127.0.0.1",
        DATABASE_URL=postgres_url or "postgres://unused@127.0.0.1:1/unused",
        AWS_STORAGE_BUCKET_NAME="unused-media-is-on-disk",
        BENCH_MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        LOG_LEVEL="WARNING",
    )
    if database == "sqlite":
        env["BENCH_SQLITE_PATH"] = str(folder / "bench.sqlite3")
    return env


def manage(env, *args) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {args[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def run_database(database: str, args, folder: Path) -> dict:
    postgres_url, dropped = None, None
    if database == "postgres":
        import psycopg

        server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        name = f"cn_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        postgres_url, dropped = server.rsplit("/", 1)[0] + f"/{name}", (server, name)
    env = environment(folder, database, postgres_url)
    redis = None
    try:
        print(f"[{database}] migrate, collectstatic, load_demo, generate days of 5, 40 and 200 talks...", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "load_demo")
        output = manage(env, "shell", "--no-imports", "-c", PREPARE)
        prepared = json.loads(output.split("BENCH-JSON ", 1)[1])
        results = {"queries": prepared["queries"], "pages": {}}

        server = Gunicorn(env, folder / f"gunicorn-{database}.log", pythonpath=f"site,{ROOT / 'bench'}")
        try:
            for name, url in prepared["urls"].items():
                results["pages"][name] = measure(server, url, args.seconds, args.connections)
                print(f"[{database}] {name}: {results['pages'][name]}", flush=True)
        finally:
            server.stop()

        if args.baseline:
            baseline = Path(args.baseline).resolve()
            server = Gunicorn(
                env, folder / f"gunicorn-{database}-baseline.log", pythonpath=f"site,{ROOT / 'bench'}", cwd=baseline
            )
            try:
                for name in ("talk", "day, 5 talks", "day, 200 talks", "search"):
                    key = f"{name} (baseline)"
                    results["pages"][key] = measure(server, prepared["urls"][name], args.seconds, args.connections)
                    print(f"[{database}] {key}: {results['pages'][key]}", flush=True)
            finally:
                server.stop()

        redis_port, redis_log = free_port(), folder / "redis.log"
        redis = subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=redis_log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        wait_for_port(redis_port, redis, redis_log)
        cached_env = {**env, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
        server = Gunicorn(cached_env, folder / f"gunicorn-{database}-cached.log", pythonpath=f"site,{ROOT / 'bench'}")
        try:
            static = (
                "/static/" + json.loads((folder / "static" / "staticfiles.json").read_text())["paths"]["css/site.css"]
            )
            # Interleaved, twice each, so that a noisy neighbour affects both alike.
            for round_ in (1, 2):
                for name, url in (("cached talk", prepared["urls"]["talk"]), ("static file", static)):
                    key = f"{name} (round {round_})"
                    results["pages"][key] = measure(server, url, args.seconds, args.connections)
                    print(f"[{database}] {key}: {results['pages'][key]}", flush=True)
        finally:
            server.stop()
        return results
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait()
        if dropped:
            import psycopg

            with psycopg.connect(dropped[0], autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{dropped[1]}" WITH (FORCE)')


def best(pages, name):
    rounds = [pages[f"{name} (round {n})"] for n in (1, 2)]
    return max(rounds, key=lambda r: r["req_per_s"])


def report(database: str, results: dict):
    pages, queries = results["pages"], results["queries"]
    print(f"\n## {database}\n")
    print("| page | queries | req/s | CPU ms/request |")
    print("| --- | ---: | ---: | ---: |")
    for name, figures in pages.items():
        print(f"| {name} | {queries.get(name, '')} | {figures['req_per_s']:.0f} | {figures['cpu_ms']:.1f} |")
    day5, day200 = pages["day, 5 talks"]["cpu_ms"], pages["day, 200 talks"]["cpu_ms"]
    cached, static = best(pages, "cached talk"), best(pages, "static file")
    print(f"\n- talk page CPU: {pages['talk']['cpu_ms']:.1f} ms (target: 12 ms or less)")
    print(f"- day of 200 talks / day of 5 talks, CPU: {day200 / day5:.2f}x (target: 2x or less)")
    print(f"- cached talk / static file, req/s: {cached['req_per_s'] / static['req_per_s']:.2f} (target: 0.5 or more)")
    print(f"- search CPU: {pages['search']['cpu_ms']:.1f} ms (target: 25 ms or less)")
    for name in ("talk", "day, 5 talks", "day, 200 talks", "search"):
        baseline = pages.get(f"{name} (baseline)")
        if baseline:
            ratio = pages[name]["cpu_ms"] / baseline["cpu_ms"]
            print(f"- {name}, CPU against the baseline: {ratio:.2f}x ({baseline['cpu_ms']:.1f} ms before)")
    errors = sum(figures["non_200"] for figures in pages.values())
    print(f"- responses other than 200: {errors}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--baseline", help="another checkout of the project to measure on the same site")
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    all_results = {}
    for database in databases:
        folder = Path(tempfile.mkdtemp(prefix=f"cn-bench-{database}-"))
        try:
            all_results[database] = run_database(database, args, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    for database, results in all_results.items():
        report(database, results)


if __name__ == "__main__":
    main()
