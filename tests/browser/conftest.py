"""Browser tests: Playwright drives the system's Chromium against pytest-django's live server.

- Chromium comes from the system (Debian's `chromium` package), never from
  `playwright install`: its path is CHROMIUM_PATH, by default /usr/bin/chromium.
- Without it the tests skip and say how to install it, except where a browser
  is required (CI=true or REQUIRE_BROWSER=1): there a missing browser fails.
- One browser for the whole session (the machine has two cores); each test
  opens a cheap context per viewport and reuses its page across URLs.
"""

import pytest

from conference.testing import per_module

# The session's Chromium is the `browser` fixture of the root conftest.py, shared by every browser suite.

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(autouse=True)
def _serve_media(settings):
    """The live server serves static files but not uploads; these tests need images."""
    settings.ROOT_URLCONF = f"{__package__}.urls"


@pytest.fixture
def open_page(browser, live_site):
    """open_page(viewport, user=None, **context_options) -> a Playwright page on the live server, logged in as
    `user` if given; options go to the browser context (e.g. color_scheme="dark", java_script_enabled=False)."""
    contexts = []

    def open_page(viewport=DESKTOP, user=None, **options):
        context = browser.new_context(viewport=viewport, base_url=live_site.url, reduced_motion="reduce", **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        if user is not None:
            from django.conf import settings
            from django.test import Client

            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_site.url}])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def build_demo():
    """The DjangoCon US 2023 demo, plus a talk that uses every block (`add_every_block_talk` in
    conference/factories.py), loaded once per module (`per_module`); what a test changes is rolled
    back after it. The talk is returned."""
    from django.core.management import call_command

    from conference.factories import add_every_block_talk

    call_command("load_demo", verbosity=0)
    return add_every_block_talk()


# The live server serves each test on the test's own database connection (the root conftest.py),
# so it sees the module's demo and what the test changes.
_module_demo, demo = per_module(build_demo)
