"""Lighthouse on every kind of public page: accessibility, best practices and SEO (targets: 100 each).

    .venv/bin/python bench/lighthouse.py [--keep-reports DIR]

Needs the machine's node and npm, and Chromium at CHROME_PATH (default /usr/bin/chromium). The
Lighthouse npm package is pinned in bench/lighthouse/package.json and package-lock.json; the first
run installs it there with `npm ci`. Not part of `make test`.

It builds a site in a temporary folder as bench/pages.py does (migrate, collectstatic, the demo, on
SQLite), serves it with gunicorn under settings.production (DEBUG off, WhiteNoise, the strict
Content-Security-Policy; plain HTTP on loopback, which browsers treat as secure) and runs
Lighthouse once per page type. It prints each page's three scores and the audits that failed, and
exits 1 when any score is under 100.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import ROOT, Gunicorn  # noqa: E402
from pages import environment, manage  # noqa: E402

HERE = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")

URLS = r"""
import json
from taggit.models import Tag
from conference.models import DayPage, EventPage, Speaker, TalkPage

event = EventPage.objects.live().first()
talks = TalkPage.objects.live().descendant_of(event).order_by("path")
with_image = next(t for t in talks if any(b.block_type == "image" for b in t.body))
urls = {
    "home": "/",
    "event": event.url,
    "event, all talks": f"{event.url}talks/",
    "day": DayPage.objects.live().child_of(event).first().url,
    "talk": talks.filter(kind="talk").first().url,
    "talk with an image": with_image.url,
    "panel": talks.filter(kind="panel").first().url,
    "lightning session": talks.filter(kind="lightning").first().url,
    "speakers index": "/speakers/",
    "speaker": Speaker.objects.public().order_by("name").first().get_absolute_url(),
    "tag": f"/tags/{Tag.objects.order_by('name').first().slug}/",
    "search": "/search/?q=django",
    "accessibility statement": "/accessibility/",
}
print("LIGHTHOUSE-URLS " + json.dumps(urls))
"""


def install_lighthouse():
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def run_lighthouse(url: str, report: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        str(LIGHTHOUSE), url, f"--only-categories={','.join(CATEGORIES)}", "--output=json",
        f"--output-path={report}", "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]  # fmt: skip
    subprocess.run(command, env=env, check=True, timeout=300)
    data = json.loads(report.read_text())
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failed = sorted(
        audit_id
        for name in CATEGORIES
        for ref in data["categories"][name]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and data["audits"][audit_id]["score"] is not None
        and data["audits"][audit_id]["score"] < 1
    )
    return {"scores": scores, "failed": failed}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep-reports", help="a folder to keep Lighthouse's JSON reports in")
    args = parser.parse_args()
    install_lighthouse()
    folder = Path(tempfile.mkdtemp(prefix="cn-lighthouse-"))
    reports = Path(args.keep_reports) if args.keep_reports else folder / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    try:
        env = environment(folder, "sqlite", None)
        env.update(
            DJANGO_SETTINGS_MODULE="lighthouse_settings",
            SECURE_SSL_REDIRECT="false",
            ALLOWED_HOSTS="127.0.0.1,localhost",
        )
        print("migrate, collectstatic, load_demo...", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "load_demo")
        output = manage(env, "shell", "--no-imports", "-c", URLS)
        urls = json.loads(output.split("LIGHTHOUSE-URLS ", 1)[1])
        server = Gunicorn(env, folder / "gunicorn.log", pythonpath=f"site,{ROOT / 'bench'}")
        results = {}
        try:
            for n, (name, path) in enumerate(urls.items()):
                results[name] = run_lighthouse(f"http://localhost:{server.port}{path}", reports / f"{n:02d}.json")
                print(f"{name}: {results[name]}", flush=True)
        finally:
            server.stop()
    finally:
        if not args.keep_reports:
            shutil.rmtree(folder, ignore_errors=True)
    print("\n| page | accessibility | best practices | SEO | failed audits |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, result in results.items():
        scores = result["scores"]
        failed = ", ".join(result["failed"]) or "none"
        print(f"| {name} | {scores['accessibility']} | {scores['best-practices']} | {scores['seo']} | {failed} |")
    below = [name for name, result in results.items() if min(result["scores"].values()) < 100]
    if below:
        print(f"\nUnder 100: {', '.join(below)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
