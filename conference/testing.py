"""Test content built once per test module and shared by its tests, as Django's `setUpTestData`
shares a TestCase class's content.

    def build_tree():
        event = make_event("PyCon Testland")
        return {"event": event, "talk": make_talk(make_day(event))}

    _module_tree, tree = per_module(build_tree)   # both names must be in the module

The first test of the module that asks for `tree` builds it, in a transaction that is rolled back
when the module's tests are done with it. Each test runs in a savepoint on top (pytest-django's
`db`), so the rows a test changes come back for the next test, and each test gets its own deep copy
of what `build_tree` returned (as `setUpTestData` does), so changing an object in one test changes
nothing in the next. Files the builder writes (images) go to a folder of the content's own, which
is each test's MEDIA_ROOT.

A module may share several contents (the demo, and a tree of its own): only one is built at a time.
The root conftest.py runs a module's tests that use none first, then those using each content one
after another, and asking for another content rolls the previous one back first, so no test sees
content it did not ask for.
"""

import copy
import fcntl
import inspect
import threading
from pathlib import Path

import pytest


class _ModuleContent:
    """The content built for a module's tests; one at a time."""

    def __init__(self, django_db_blocker, tmp_path_factory):
        self.blocker = django_db_blocker
        self.tmp_path_factory = tmp_path_factory
        self.name = None

    def get(self, name, build):
        from django.db import connection, transaction
        from django.test import override_settings

        if self.name != name:
            self.close()
            self._check_outside_tests(connection, expected=0, name=name)
            media = self.tmp_path_factory.mktemp(f"{name}-media")
            # Files written while building go to the content's folder; each test then points its
            # MEDIA_ROOT there (`shared` below), since pytest-django's `settings` resets it per test.
            with self.blocker.unblock(), override_settings(MEDIA_ROOT=media):
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
                try:
                    self.result, self.media, self.name = build(), media, name
                except BaseException:
                    self.name = name
                    self.close()
                    raise
        self._check_outside_tests(connection, expected=1, name=name)
        return self.result, self.media

    def close(self):
        from django.db import transaction

        if self.name is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.name = None

    @staticmethod
    def _check_outside_tests(connection, expected, name):
        # The content's transaction must be the outermost one: a test's own (`db`) opened first
        # would roll the content back after that test.
        if len(connection.atomic_blocks) != expected:
            raise RuntimeError(
                f"`{name}` is built once per module, so it must be set up before the test's database "
                "transaction: ask for it before `db` (and before fixtures that use `db`)."
            )


@pytest.fixture(scope="module")
def _module_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The module's shared content (`per_module`); rolled back at the module's end."""
    content = _ModuleContent(django_db_blocker, tmp_path_factory)
    yield content
    content.close()


def _fixture(name, function, arguments):
    # pytest reads a fixture's arguments from its signature: ask for the content's fixture by name.
    function.__signature__ = inspect.Signature(
        [inspect.Parameter(arg, inspect.Parameter.POSITIONAL_OR_KEYWORD) for arg in arguments]
    )
    return pytest.fixture(name=name)(function)


def per_module(build, *, name=None):
    """(module fixture, test fixture) for what `build()` returns: the test fixture is named `name`
    (by default the builder's name without `build_`), the other `_module_<name>`. The root
    conftest.py sets up `_module_` fixtures before a test's others (`db`, `client`...), whatever
    the order of the test's arguments, since the content must be built outside its transaction."""
    name = name or build.__name__.removeprefix("build_")
    marker_name = f"_module_{name}"

    def built(_module_content):
        return _module_content.get(name, build)

    def shared(settings, **fixtures):
        result, media = fixtures[marker_name]
        settings.MEDIA_ROOT = media
        return copy.deepcopy(result)

    shared.__doc__ = build.__doc__
    return _fixture(marker_name, built, ["_module_content"]), _fixture(name, shared, [marker_name, "db", "settings"])


# --- A live server on the test's own database connection ------------------------------------------
# pytest-django's `live_server` makes each test that uses it transactional: the server's threads have
# connections of their own, which see only committed rows, so every test commits, and the database
# is emptied after it. `live_site` (the root conftest.py) hands the server the test's own connection
# (as Django already does for an in-memory SQLite database), on PostgreSQL too, so that a browser
# test runs in a savepoint on top of content shared by its module (`per_module`), as any other does.


class _OneAtATime:
    """The site, one request at a time, and only while a test is being served: Chromium opens several
    connections, and each is served in a thread, but they all share the test's database connection.

    Between tests (`close`) the site answers 503 without touching the database: a request still on
    its way when a test ends (the browser's last fetch, Wagtail's editing-session ping) would
    otherwise run on the connection while the test's or the module's transaction is rolled back
    ("can't change 'autocommit' now" on PostgreSQL)."""

    def __init__(self, app):
        self.app, self.lock, self.serving = app, threading.Lock(), False

    def __call__(self, environ, start_response):
        with self.lock:
            if self.serving:
                return self.app(environ, start_response)
        start_response("503 Service Unavailable", [("Content-Type", "text/plain"), ("Retry-After", "1")])
        return [b"No test is being served."]

    def open(self):
        with self.lock:
            self.serving = True

    def close(self):
        """Waits for the request being served, if any, to end."""
        with self.lock:
            self.serving = False


# Set in the shared server's request threads: there Django's `close_old_connections`, run at each
# request's start and end, would close the test's connection (it is not in autocommit mode, being
# in the test's transaction), so the shared connections skip that check in those threads.
_serving_the_test = threading.local()


def _kept_open_while_serving(check):
    def close_if_unusable_or_obsolete():
        if not getattr(_serving_the_test, "active", False):
            check()

    return close_if_unusable_or_obsolete


def shared_connection_live_server(host="localhost"):
    """pytest-django's LiveServer (`url`), its thread serving on this thread's database
    connections; `stop_shared_connection_live_server` stops it."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connections
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    class Server(ThreadedWSGIServer):
        def process_request_thread(self, request, client_address):
            _serving_the_test.active = True
            super().process_request_thread(request, client_address)

        def _close_connections(self):
            """Keep the test's connection open, in the test's transaction, after each request."""

    class Thread(LiveServerThread):
        server_class = Server

    shared = {alias: connections[alias] for alias in connections}
    for connection in shared.values():
        connection.close_if_unusable_or_obsolete = _kept_open_while_serving(connection.close_if_unusable_or_obsolete)
    server = LiveServer(host, start=False)
    server.site = None

    def one_at_a_time(app):
        server.site = _OneAtATime(StaticFilesHandler(app))
        return server.site

    server.thread = Thread(host, static_handler=one_at_a_time, connections_override=shared)
    server.thread.daemon = True
    server.start()
    return server


def stop_shared_connection_live_server(server):
    connections = server.thread.connections_override
    server.stop()
    for connection in connections.values():
        del connection.close_if_unusable_or_obsolete


def serve_test_database(server):
    """`server` (`shared_connection_live_server`) for one test, whose database is already set up."""
    server._live_server_modified_settings.enable()
    server.site.open()
    try:
        yield server
    finally:
        # Before `db` rolls the test back (it is set up first, so it is torn down after).
        server.site.close()
        server._live_server_modified_settings.disable()


# --- A migrated test database, kept between runs -------------------------------------------------
# Each test process migrates its test database: some 200 migrations, about 9 s alone and twice that
# with two processes migrating at once. The migrated database is the same for as long as the
# migrations are, so the first process to migrate keeps a copy, named by a hash of every migration
# file, and the others (in this run and later ones) copy it instead of migrating:
# - an in-memory SQLite database: a file in .local/test-databases/ (`make clean-db` removes it);
# - PostgreSQL: a database `cn_migrated_tests_<hash>` on the same server, which a test database is
#   created from (CREATE DATABASE ... TEMPLATE); the processes take turns under an advisory lock,
#   so while one migrates, the others wait for its copy (SQLite's processes likewise, under a file
#   lock). Making a new one drops the older ones.
# A changed migration is migrated afresh, and kept again.

MIGRATED_DATABASES = Path(__file__).resolve().parent.parent / ".local" / "test-databases"


def _migrations_key():
    """A hash of every migration file of every installed app, and the Django version; None when
    an app with models has no migrations (migrate would create its tables from the models)."""
    import hashlib
    import sys

    import django
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    if any(app.label not in loader.migrated_apps and list(app.get_models()) for app in apps.get_app_configs()):
        return None
    digest = hashlib.sha256(django.get_version().encode())
    for key, migration in sorted(loader.disk_migrations.items()):
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[migration.__module__].__file__).read_bytes())
    return digest.hexdigest()[:24]


def keep_migrated_test_databases():
    """Make Django's test database creation copy a kept migrated database (in-memory SQLite,
    PostgreSQL) instead of migrating, or keep a copy after migrating."""
    from django.db.backends.postgresql.creation import DatabaseCreation as PostgresCreation
    from django.db.backends.sqlite3.creation import DatabaseCreation as SQLiteCreation

    create_sqlite = SQLiteCreation.create_test_db

    def create_or_copy(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        name = self._get_test_db_name()
        key = self.is_in_memory_db(name) and _migrations_key()
        if not key:
            return create_sqlite(self, verbosity, autoclobber, serialize, keepdb)
        kept = MIGRATED_DATABASES / f"{key}.sqlite3"
        MIGRATED_DATABASES.mkdir(parents=True, exist_ok=True)
        with open(MIGRATED_DATABASES / "lock", "w") as turn:
            fcntl.flock(turn, fcntl.LOCK_EX)  # released when the file closes, even if the process dies
            if not kept.exists():
                name = create_sqlite(self, verbosity, autoclobber, serialize, keepdb)
                _keep(self.connection, kept)
                self.connection.test_database_origin = ("migrated and kept", str(kept))
                return name
        self.connection.test_database_origin = ("copied", str(kept))
        return _copy_kept(self, kept, name, serialize)

    SQLiteCreation.create_test_db = create_or_copy

    create_postgres = PostgresCreation.create_test_db

    def create_or_clone(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        key = _migrations_key()
        name = self._get_test_db_name()
        if not key or self.connection.settings_dict["TEST"].get("TEMPLATE"):
            return create_postgres(self, verbosity, autoclobber, serialize, keepdb)
        template = f"{POSTGRES_TEMPLATE_PREFIX}{key}"
        with self.connection._nodb_cursor() as turn:
            # Released when this connection closes, even if the process dies.
            turn.execute("SELECT pg_advisory_lock(%s)", [POSTGRES_LOCK])
            with self.connection._nodb_cursor() as cursor:
                reuse = keepdb and self._database_exists(cursor, name)  # --reuse-db: Django migrates what is new
                kept = self._database_exists(cursor, template)
            if reuse or not kept:
                name = create_postgres(self, verbosity, autoclobber, serialize, keepdb)
                if reuse:  # not kept: a reused database holds what its last run left
                    self.connection.test_database_origin = ("reused", name)
                else:
                    _keep_postgres(self, name, template)
                    self.connection.test_database_origin = ("migrated and kept", template)
                return name
            self.connection.test_database_origin = ("copied", template)
            return _clone_kept(self, template, name, serialize)

    PostgresCreation.create_test_db = create_or_clone


# `cn_migrated_tests_<hash of the migrations>`, and the advisory lock the test processes take turns
# under while one of them makes it (any number; this one is "cn-tests" in ASCII).
POSTGRES_TEMPLATE_PREFIX = "cn_migrated_tests_"
POSTGRES_LOCK = 0x636E2D7465737473


def _keep_postgres(creation, name, template):
    """Copy the freshly migrated test database `name` to `template`, and drop older templates."""
    connection = creation.connection
    quote = connection.ops.quote_name
    connection.close()  # no session may be connected to the database being copied
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
        cursor.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
            [POSTGRES_TEMPLATE_PREFIX, template],
        )
        for (old,) in cursor.fetchall():
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")


def _clone_kept(creation, template, name, serialize):
    """What Django's create_test_db does, with the test database created from the kept template
    instead of migrated (an old test database of the same name is replaced, as --create-db does)."""
    from django.conf import settings
    from django.core.management import call_command

    connection = creation.connection
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    if serialize:
        connection._test_serialized_contents = creation.serialize_db_to_string()
    call_command("createcachetable", database=connection.alias)
    return name


def copy_migrated_sqlite_database(path) -> bool:
    """Write the kept migrated database (if a run has kept one for these migrations) to the SQLite
    file `path`, for a process of its own (e.g. a killed import); False when there is none to copy,
    and the caller migrates."""
    import sqlite3

    key = _migrations_key()
    kept = key and MIGRATED_DATABASES / f"{key}.sqlite3"
    if not kept or not kept.exists():
        return False
    source, target = sqlite3.connect(kept), sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return True


def _keep(connection, kept):
    import sqlite3
    import tempfile

    kept.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=kept.parent, suffix=".part", delete=False) as part:
        pass
    target = sqlite3.connect(part.name)
    try:
        connection.ensure_connection()
        connection.connection.backup(target)
    finally:
        target.close()
    Path(part.name).replace(kept)  # whole or not at all, whichever process gets there first
    for old in kept.parent.glob("*.sqlite3"):
        if old != kept:
            old.unlink(missing_ok=True)


def _copy_kept(creation, kept, name, serialize):
    """What Django's create_test_db does, with the kept database copied in instead of migrated."""
    import sqlite3

    from django.conf import settings
    from django.core.management import call_command

    connection = creation.connection
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    source = sqlite3.connect(kept)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    if serialize:
        connection._test_serialized_contents = creation.serialize_db_to_string()
    call_command("createcachetable", database=connection.alias)
    return name
