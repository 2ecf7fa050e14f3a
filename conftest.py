"""Shared pytest fixtures for the whole suite."""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import caches

from conference.test_databases import keep_migrated_test_databases

# `_module_content` is the fixture behind `per_module`.
from conference.testing import (  # noqa: F401
    _module_content,
    per_module,
    serve_test_database,
    shared_connection_live_server,
    stop_shared_connection_live_server,
)

ROOT = Path(__file__).parent


def pytest_configure(config):
    # Each process's test database (in-memory SQLite, PostgreSQL) is a copy of one migrated once,
    # while the migrations stay the same (conference/test_databases.py).
    keep_migrated_test_databases()


PRODUCTION_TESTS = ROOT / "tests" / "production"


def pytest_collection_modifyitems(config, items):
    """Mark the tests by what they need (pytest.ini lists the markers): `make test-quick` leaves out
    the browser, production and slow ones; `make test` and CI run everything."""
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if item.path.is_relative_to(PRODUCTION_TESTS):
            item.add_marker(pytest.mark.production)
        if SLOW_FIXTURES.intersection(item.fixturenames) or item.path.relative_to(ROOT).as_posix() in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
    _dispatch_order(items)
    # The demo and other content shared by a module's tests (`per_module`, conference/testing.py)
    # stay from the module's first test that asks for them to the module's end: run each module's
    # other tests first, so that none of them sees content it did not ask for. Only within each
    # run of a module's tests: pytest-django has already put the transactional tests last, and
    # that order stays.
    runs = []
    for item in items:
        if runs and runs[-1][0].path == item.path:
            runs[-1].append(item)
        else:
            runs.append([item])
    items[:] = [item for run in runs for item in sorted(run, key=_uses_module_content)]
    # Shared content is built outside the test's transaction: set it up before the test's other
    # fixtures (pytest sets them up in this order), whatever the order of the test's arguments.
    for item in items:
        item.fixturenames.sort(key=lambda name: not name.startswith("_module_"))


def _uses_module_content(item) -> tuple:
    """The content shared by its module (`per_module`, conference/testing.py) that the test uses:
    tests using none come first, then those using the same content one after another (only one is
    built at a time: asking for another rolls the previous one back)."""
    return tuple(
        sorted(name for name in item.fixturenames if name.startswith("_module_") and name != "_module_content")
    )


# --- Two processes (pytest-xdist), each with its own test database --------------------------------
# `make test` runs the suite in one process per core with `--dist loadgroup`. Each test is put in a
# group of its module's tests of the same kind (without a database, plain database tests,
# transactional ones), or of the tests sharing a costly session fixture (`SHARED_SESSION_FIXTURES`):
# a module stays in one process, so its module-wide fixtures (the demo) are made once; and with
# `--no-loadscope-reorder` the groups are handed out in the order `_dispatch_order` sets, so a
# process never runs a plain database test after a transactional one has emptied its database.


def _database_use(item) -> str:
    """pytest-django's order of tests (its `pytest_collection_modifyitems`): 0 plain database
    tests, 1 transactional ones (they empty the database at the end), 2 those without one."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.plugin import validate_django_db

    transactional = uses_db = False
    marker = item.get_closest_marker("django_db")
    test_class = getattr(item, "cls", None)
    if test_class and issubclass(test_class, TransactionTestCase):  # Django's test classes
        return "0-db" if issubclass(test_class, TestCase) else "1-transactional"
    if marker:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        uses_db, transactional = True, transaction or reset_sequences
    fixtures = getattr(item, "fixturenames", ())
    transactional = transactional or "transactional_db" in fixtures or "live_server" in fixtures
    uses_db = uses_db or "db" in fixtures or "live_site" in fixtures
    return "1-transactional" if transactional else "0-db" if uses_db else "2-no-db"


# Session-wide fixtures that take seconds to make (a production stack of servers, an exported
# archive): the tests using one are one group, so that a single process makes it.
SHARED_SESSION_FIXTURES = ("production_stack", "demo_archive")


def _group(item) -> str:
    for fixture in SHARED_SESSION_FIXTURES:
        if fixture in item.fixturenames:
            return fixture
    return f"{_database_use(item)}:{item.path.relative_to(ROOT).as_posix()}"


def pytest_itemcollected(item):
    # Before pytest_collection_modifyitems, where xdist reads the groups. Only the worker processes
    # collect: there xdist sets `loadgroup` (and `dist` to "no").
    if getattr(item.config.option, "loadgroup", False):
        item.add_marker(pytest.mark.xdist_group(_group(item)))


# The order a process may run tests in: those without a database first (they never see it), then
# plain database tests, then the transactional ones, which empty the database.
KIND_ORDER = {"2-no-db": 0, "0-db": 1, "1-transactional": 2}


def _dispatch_order(items):
    """Groups in the order their kinds allow (a group of several kinds goes with its last), the
    browser and production groups (tens of seconds each) first among each kind, so that the
    processes do not end with one still running a long group while the other has nothing left;
    within a group, its tests by kind, then as collected."""
    index = {item: i for i, item in enumerate(items)}
    kind = {item: KIND_ORDER[_database_use(item)] for item in items}
    group_of = {item: _group(item) for item in items}
    members = {}
    for item in items:
        members.setdefault(group_of[item], []).append(item)
    group_key = {}
    for group, tests in members.items():
        heavy = any(test.get_closest_marker("browser") or test.get_closest_marker("production") for test in tests)
        group_key[group] = (max(kind[test] for test in tests), not heavy, index[tests[0]])
    items.sort(key=lambda item: (*group_key[group_of[item]], kind[item], index[item]))


# Fixtures that load the whole demo: seconds for the first test of each module (the demo's
# archive: once per run, loading the demo and exporting it, about 8 s).
SLOW_FIXTURES = {"demo", "demo_archive"}
# Modules whose tests load the demo themselves, migrate the database back and forth, or run an
# import in another process and kill it.
SLOW_MODULES = {
    "conference/tests/notes/test_import_interrupted.py",
    "conference/tests/notes/test_notes_demo.py",
    "conference/tests/notes/test_notes_migration.py",
    "conference/tests/notes/test_notes_roundtrip.py",
    "conference/tests/test_load_demo_errors.py",
}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploaded and generated files to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches.

    Wagtail caches image renditions by image id; ids repeat between tests, so a
    rendition cached by one test would otherwise be served to the next.
    """
    for cache in caches.all():
        cache.clear()
    yield


# --- One demo per test module ---------------------------------------------------------------------
# Loading the demo (33 pages, each published through a revision, the search and reference indexes,
# three drawn images) takes seconds; loading it for each of ~40 tests took most of the suite's time.
# Each module that asks for `demo` loads it once, in a transaction of the module's own, and every
# test runs in a savepoint on top (pytest-django's `db`), so what a test changes is rolled back
# before the next one and the whole demo is rolled back at the end of the module.


def _load_demo():
    """The DjangoCon US 2023 demo notes, loaded as `make run` loads them; returns the command's output.

    Shared by the tests of a module (`per_module` in conference/testing.py): a test may change it,
    its changes are rolled back after it. Not for tests on a live server (they need rows other
    connections see): tests/browser/ has its own `demo`.
    """
    from django.core.management import call_command

    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


_module_demo, demo = per_module(_load_demo, name="demo")


# --- One Chromium for every browser test ---------------------------------------------------------
# Playwright's sync API can run only once per thread at a time, so the browser suites
# (tests/browser/, tests/browser_journey/, conference/tests/notes/) share this session's browser.

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


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """The system's Chromium, driven by Playwright; skipped (or failed where required) when missing."""
    if not chromium_available():
        if browser_required():
            pytest.fail(f"{INSTALL_HINT} CI=true or REQUIRE_BROWSER=1 is set, so this is a failure.", pytrace=False)
        pytest.skip(INSTALL_HINT)
    # Playwright's sync API runs an event loop in this thread while the tests use the ORM.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
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
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- A live server on the test's own database connection -----------------------------------------
# `live_site`: a live server whose threads use the test's database connection (see
# `shared_connection_live_server` in conference/testing.py), so a browser test runs in a savepoint
# like any other and shares its module's demo. pytest-django's `live_server` stays for the tests
# that must commit (the editor journeys).


@pytest.fixture(scope="session")
def _shared_connection_server(django_db_setup):
    server = shared_connection_live_server()
    yield server
    stop_shared_connection_live_server(server)


@pytest.fixture
def live_site(db, _shared_connection_server):
    """The site on a live server (`.url`), serving this test's database, transaction and all (`db`,
    which is transactional when the test asks for `transactional_db`; asking for it here also tells
    pytest-django to create the test database when these are the only tests collected)."""
    yield from serve_test_database(_shared_connection_server)
