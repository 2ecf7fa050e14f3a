"""Fixtures for the editor's journey in a real browser (Playwright driving the system Chromium).

The browser itself is the session's shared one (the root conftest.py): Playwright's sync API runs once per thread.
Without Chromium the tests skip with a message, except in CI (CI=true) or with REQUIRE_BROWSER=1,
where a missing browser is a failure: `.ci/run` installs Debian's chromium when it is missing.
"""

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
# Generous for a busy shared machine, short enough that a broken step fails in seconds, not minutes.
STEP_TIMEOUT_MS = 20_000


@pytest.fixture(scope="session")
def chromium(browser):
    """The session's Chromium (the root conftest.py's `browser`, shared by every browser suite)."""
    return browser


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
