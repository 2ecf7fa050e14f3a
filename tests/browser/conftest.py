"""Browser tests: Playwright drives the system's Chromium against pytest-django's live server.

- Chromium comes from the system (Debian's `chromium` package), never from
  `playwright install`: its path is CHROMIUM_PATH, by default /usr/bin/chromium.
- Without it the tests skip and say how to install it, except where a browser
  is required (CI=true or REQUIRE_BROWSER=1): there a missing browser fails.
- One browser for the whole session (the machine has two cores); each test
  opens a cheap context per viewport and reuses its page across URLs.
"""

import os

import pytest

# The session's Chromium is the `browser` fixture of the root conftest.py, shared by every browser suite.

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if not str(item.path).startswith(here):
            continue
        if "shared_demo" not in item.fixturenames:
            # The live server needs a transactional database, which is emptied after each test;
            # serialized rollback brings back what migrations created (the HomePage, the site, groups).
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(autouse=True)
def _live_server_helper(request):
    """pytest-django's own helper (it turns on the live server's settings for a test), except that a
    test reading the module's `shared_demo` does not get a transactional database: that would empty
    the database after it, demo and all. Every other test on the live server does, as before."""
    if "live_server" not in request.fixturenames:
        yield
        return
    if "shared_demo" not in request.fixturenames:
        request.getfixturevalue("transactional_db")
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture(autouse=True)
def _serve_media(settings):
    """The live server serves static files but not uploads; these tests need images."""
    settings.ROOT_URLCONF = f"{__package__}.urls"


@pytest.fixture
def open_page(browser, live_server):
    """open_page(viewport, user=None, **context_options) -> a Playwright page on the live server, logged in as
    `user` if given; options go to the browser context (e.g. color_scheme="dark", java_script_enabled=False)."""
    contexts = []

    def open_page(viewport=DESKTOP, user=None, **options):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, reduced_motion="reduce", **options)
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


def _load_demo():
    from django.core.management import call_command

    from conference.factories import add_every_block_talk

    call_command("load_demo", verbosity=0)
    return add_every_block_talk()


@pytest.fixture
def demo(live_server):
    """The DjangoCon US 2023 demo, plus a talk that uses every block (see content.py), for this test
    alone: it may change it. The talk is returned."""
    return _load_demo()


def _migrated_rows_only():
    """Empty the database and bring back what migrations created, as a transactional test's
    serialized rollback does (a live server's test commits, so no rollback can undo it)."""
    from django.core.management import call_command
    from django.db import connections

    for connection in connections.all():
        call_command("flush", verbosity=0, interactive=False, database=connection.alias, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture(scope="module")
def _module_site(django_db_setup, django_db_blocker, live_server, tmp_path_factory):
    """The demo and the every-block talk, committed once for a module whose tests only read them."""
    from django.test import override_settings

    media = tmp_path_factory.mktemp("site-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        _migrated_rows_only()
        try:
            yield _load_demo(), media
        finally:
            _migrated_rows_only()


@pytest.fixture
def shared_demo(_module_site, django_db_blocker, settings):
    """The demo plus the every-block talk (returned), loaded once for the module and shared by its
    tests, which must only read it: nothing rolls back what one of them writes."""
    talk, media = _module_site
    settings.MEDIA_ROOT = media
    with django_db_blocker.unblock():
        yield talk
