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
import inspect
import threading

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
