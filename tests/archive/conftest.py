"""An exported archive of the demo (plus content that must stay out of it), served on loopback.

Exporting takes seconds, so the archive is built once per run (shared by pytest-xdist's processes):
the demo and the extra pages are written inside a transaction that is rolled back once the archive
is on disk.
"""

import fcntl
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import PageViewRestriction

from conference.archive import build
from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.models import DayPage, EventPage
from tests.production.conftest import moto_s3, s3_media, service_logs  # noqa: F401 - the same moto S3 server

EVENT = "djangocon-us-2023"
# What is on the site but must never be in the demo's archive.
OUTSIDERS = {
    "other event": "Another Conference Entirely",
    "other event's talk": "A talk at another conference",
    "other event's speaker": "Otto Outsider",
    "draft talk": "A draft talk nobody published",
    "private talk": "A talk behind a password",
}
# Pages an archive crawl must meet, one of each kind (axe and layout checks run on these).
PAGE_TYPES = {
    "front page": "index.html",
    "event": f"{EVENT}/index.html",
    "day": f"{EVENT}/day-1/index.html",
    "talk": f"{EVENT}/day-1/using-database-triggers-to-reliably-track-model-history/index.html",
    "lightning session": f"{EVENT}/day-1/lightning-talks-day-1/index.html",
    "all talks": f"{EVENT}/talks/index.html",
    "speakers": "speakers/index.html",
    "speaker": "speakers/andrew/index.html",
    "tag": "tags/postgresql/index.html",
    "accessibility statement": "accessibility/index.html",
    "search": "search/index.html",
}


def add_outsiders():
    """Another event (whose speaker also gave a demo talk), a draft talk and a private talk."""
    other = make_event(OUTSIDERS["other event"])
    outsider = make_speaker(OUTSIDERS["other event's speaker"])
    make_talk(make_day(other), OUTSIDERS["other event's talk"], speakers=[outsider], tags=["postgresql"])
    demo_day = DayPage.objects.get(slug="day-1", path__startswith=EventPage.objects.get(slug=EVENT).path)
    make_talk(demo_day, OUTSIDERS["draft talk"], live=False, speakers=[outsider])
    private = make_talk(demo_day, OUTSIDERS["private talk"], speakers=[outsider], tags=["postgresql"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")


@pytest.fixture(scope="session")
def demo_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """(folder, zip file) of the demo's archive, exported with `export_archive --zip` and without.

    Built once per run: the archive is only files, so with pytest-xdist the first process to need it
    builds it in the folder the processes share, and the others wait for it and read the same files.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # this run's folder, above each process's own
    root = root / "demo-archive"
    root.mkdir(exist_ok=True)
    with open(root / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (root / "built").exists():
            _build_demo_archive(root, django_db_blocker)
            (root / "built").touch()
    return root / "site", root / "site.zip"


def _build_demo_archive(root: Path, django_db_blocker):
    """The demo and the outsiders are written inside a transaction rolled back once the archive is on disk.

    The crawl takes seconds and gives the same files for the same event and options, so the --zip
    export runs the command through its zip and replace steps on the folder export's files
    (`_same_crawl_again`) instead of crawling a second time.
    """
    with override_settings(MEDIA_ROOT=root / "media"), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        add_outsiders()
        with pytest.MonkeyPatch.context() as patch:
            crawled = []
            patch.setattr(build, "write_archive", _recorded(build.write_archive, crawled))
            call_command("export_archive", EVENT, "-o", str(root / "site"), verbosity=0)
            [(arguments, summary)] = crawled
            patch.setattr(build, "write_archive", _same_crawl_again(arguments, summary, written=root / "site"))
            call_command("export_archive", EVENT, "-o", str(root / "site"), "--zip", verbosity=0)
        transaction.set_rollback(True)
    for cache in caches.all():
        cache.clear()


def _recorded(write_archive, calls):
    """`write_archive` that also notes its arguments and its summary in `calls`."""

    def recorded(event, folder, base_url=None, progress=None):
        summary = write_archive(event, folder, base_url, progress)
        calls.append(((event.pk, base_url, progress), summary))
        return summary

    return recorded


def _same_crawl_again(arguments, summary, written: Path):
    """`write_archive` for the same event and options again: the files it wrote the first time
    (`written`, the folder export's output)."""

    def same_crawl_again(event, folder, base_url=None, progress=None):
        assert (event.pk, base_url, progress) == arguments, "the --zip export must crawl as the folder export did"
        shutil.copytree(written, folder, dirs_exist_ok=True)
        return build.Summary(summary.pages, summary.files, summary.bytes, folder)

    return same_crawl_again


class _Quiet(SimpleHTTPRequestHandler):
    csp = None

    def end_headers(self):
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, *args):
        pass


# A strict policy as a static host would send it: files only, WebAssembly for Pagefind.
STRICT_CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@pytest.fixture(scope="session")
def archive_server(demo_archive):
    """The archive's folder served by a plain static file server on loopback, under a strict CSP."""
    folder, _zip = demo_archive
    handler = functools.partial(type("Handler", (_Quiet,), {"csp": STRICT_CSP}), directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def read(folder: Path, file: str) -> str:
    return (folder / file).read_text()
