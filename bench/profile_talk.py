"""Where a talk page's CPU goes: site lookup, routing, the view's context, rendering, the rest.

    .venv/bin/python bench/profile_talk.py [--requests 200] [--baseline /path/to/another/checkout]

It builds the same SQLite site as bench/pages.py (settings.production, DEBUG off, the demo),
requests the demo's first talk page `--requests` times in-process with Django's test client, and
prints the CPU milliseconds per request spent in each part (process time, measured by wrapping
Wagtail's and Django's own methods, so that the parts add up to less than the total: the rest is
the middleware and the test client). With `--baseline`, the same site is measured from another
checkout too, in the same run. In-process figures leave gunicorn's own cost out, which
bench/pages.py includes.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import PYTHON, ROOT  # noqa: E402
from pages import environment, manage  # noqa: E402

MEASURE = r"""
import collections, json, time
from django.template.response import SimpleTemplateResponse
from django.test import Client
from wagtail.models import Page, Site
from conference.models import TalkPage

spent = collections.Counter()

def timed(owner, name, label):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start
    setattr(owner, name, wrapper)

timed(Site, "find_for_request", "site lookup")
timed(Page, "route_for_request", "routing (site lookup included)")
timed(TalkPage, "get_context", "view context")
timed(SimpleTemplateResponse, "render", "rendering")
url = TalkPage.objects.live().filter(kind="talk").order_by("path").first().url
client = Client(headers={"X-Forwarded-Proto": "https"})
for _ in range(10):
    assert client.get(url).status_code == 200
spent.clear()
start = time.process_time()
for _ in range(REQUESTS):
    client.get(url)
total = time.process_time() - start
parts = {"total": total, **spent}
print("PROFILE-JSON " + json.dumps({name: value / REQUESTS * 1000 for name, value in parts.items()}))
"""


def measure(env: dict, checkout: Path, requests: int) -> dict:
    env = {**env, "PYTHONPATH": f"{checkout / 'site'}:{ROOT / 'bench'}"}
    code = MEASURE.replace("REQUESTS", str(requests))
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        env=env, cwd=checkout, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"measuring {checkout} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.split("PROFILE-JSON ", 1)[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--baseline", help="another checkout of the project to measure on the same site")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cn-profile-"))
    try:
        env = environment(folder, "sqlite", None)
        for command in (("migrate", "--no-input"), ("collectstatic", "--no-input"), ("load_demo",)):
            manage(env, *command)
        checkouts = {"this checkout": ROOT}
        if args.baseline:
            checkouts["baseline"] = Path(args.baseline).resolve()
        figures = {name: measure(env, path, args.requests) for name, path in checkouts.items()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    names = list(figures)
    print("| CPU ms per talk page request | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    for part in figures[names[0]]:
        print(f"| {part} | " + " | ".join(f"{figures[name].get(part, 0):.1f}" for name in names) + " |")


if __name__ == "__main__":
    main()
