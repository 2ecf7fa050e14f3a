"""Browser tests: Playwright drives the system's Chromium against pytest-django's live server.

- Chromium comes from the system (Debian's `chromium` package), never from
  `playwright install`: its path is CHROMIUM_PATH, by default /usr/bin/chromium.
- Without it the tests skip and say how to install it, except where a browser
  is required (CI=true or REQUIRE_BROWSER=1): there a missing browser fails.
- One browser for the whole session (the machine has two cores); each test
  opens a cheap context per viewport and reuses its page across URLs.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread while the tests use the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

INSTALL_HINT = (
    f"No Chromium at {CHROMIUM_PATH}, so the browser tests cannot run. Install Debian's: "
    "`sudo apt-get update && sudo apt-get install -y chromium` (or point CHROMIUM_PATH at a Chromium binary). "
    "Do not use `playwright install`."
)


def browser_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


def chromium_available() -> bool:
    path = CHROMIUM_PATH if os.path.sep in CHROMIUM_PATH else shutil.which(CHROMIUM_PATH)
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in Chromium through Playwright (tests/browser/)")


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not chromium_available():
        if browser_required():
            pytest.fail(f"{INSTALL_HINT} CI=true or REQUIRE_BROWSER=1 is set, so this is a failure.", pytrace=False)
        pytest.skip(INSTALL_HINT)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API leaves its event loop set on this thread, so Django
    # (asgiref) would treat the thread as async and hand the tests new database
    # connections, without the test database's saved rows (serialized rollback)
    # and apart from the live server's. Keep the connections the database was set up on.
    setup_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in setup_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _restore_migrated_rows(django_db_serialized_rollback):
    """The live server needs a transactional database, which is emptied after each
    test; this brings back what migrations created (the HomePage, the site, groups)."""


@pytest.fixture(autouse=True)
def _serve_media(settings):
    """The live server serves static files but not uploads; these tests need images."""
    settings.ROOT_URLCONF = f"{__package__}.urls"


@pytest.fixture
def open_page(browser, live_server):
    """open_page(viewport, user=None) -> a Playwright page on the live server, logged in as `user` if given."""
    contexts = []

    def open_page(viewport=DESKTOP, user=None):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, reduced_motion="reduce")
        context.set_default_timeout(15_000)
        contexts.append(context)
        if user is not None:
            from django.conf import settings
            from django.test import Client

            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def demo(live_server):
    """The DjangoCon US 2023 demo, plus a talk that uses every block (see content.py)."""
    from django.core.management import call_command

    from .content import add_every_block_talk

    call_command("load_demo", verbosity=0)
    return add_every_block_talk()
