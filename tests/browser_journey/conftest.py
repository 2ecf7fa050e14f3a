"""Fixtures for the editor's journey in a real browser (Playwright driving the system Chromium).

Kept to itself (nothing shared with other browser tests), so each browser suite can change alone.
Without Chromium the tests skip with a message, except in CI (CI=true) or with REQUIRE_BROWSER=1,
where a missing browser is a failure: `.ci/run` installs Debian's chromium when it is missing.
"""

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
# Generous for a busy shared machine, short enough that a broken step fails in seconds, not minutes.
STEP_TIMEOUT_MS = 20_000


def browser_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def chromium():
    if not os.access(CHROMIUM_PATH, os.X_OK):
        message = (
            f"No Chromium at {CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH. "
            "Browser tests are required when CI=true or REQUIRE_BROWSER=1."
        )
        if browser_required():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium):
    """Open a page in a fresh browser context (its own cookies: one per user)."""
    contexts = []

    def open_page():
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(STEP_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


class Journey:
    """Names each step of a browser test; when a step fails, writes a screenshot of every step so far.

    The screenshots of passed steps are kept in memory and written to test-artifacts/<test>/ only
    on failure, with the failing step's full page and its HTML, so a red run shows where it went wrong.
    """

    def __init__(self, name: str):
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
        self.shots: list[tuple[str, bytes]] = []

    @contextmanager
    def step(self, title: str, page, full_page: bool = False):
        try:
            yield
        except BaseException:
            self._write_artifacts(title, page)
            raise
        self.shots.append((title, page.screenshot(full_page=full_page)))

    def _write_artifacts(self, failed_title: str, page):
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*"):
            old.unlink()
        for number, (title, png) in enumerate(self.shots, start=1):
            (self.folder / f"{number:02d}-{_slug(title)}.png").write_bytes(png)
        failed = self.folder / f"{len(self.shots) + 1:02d}-FAILED-{_slug(failed_title)}"
        try:
            page.screenshot(path=f"{failed}.png", full_page=True)
            Path(f"{failed}.html").write_text(page.content())
        except Exception as error:  # the page itself may be what broke
            Path(f"{failed}.txt").write_text(f"Could not capture the page: {error!r}\n")


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")[:60]


@pytest.fixture
def journey(request):
    return Journey(request.node.name)
