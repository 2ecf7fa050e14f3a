"""Publishing purges the CDN: the PURGE requests reach a local HTTP server standing in for it.

Wagtail's HTTPBackend (Varnish-style PURGE) is what FRONTEND_CACHE_PURGE_URL configures; the
server here records every request it gets, as a CDN's purge endpoint would receive them.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from conference.factories import make_day, make_event, make_talk


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    backend = {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend"}
    with override_settings(
        WAGTAILFRONTENDCACHE={"http": {**backend, "LOCATION": f"http://127.0.0.1:{server.server_port}"}}
    ):
        yield server.purged
    server.shutdown()
    server.server_close()


def test_publishing_a_talk_purges_it_and_the_pages_that_list_it(cdn, db, django_capture_on_commit_callbacks):
    day = make_day(make_event())
    talk = make_talk(day, "First version")
    cdn.clear()

    with django_capture_on_commit_callbacks(execute=True):
        talk.title = "Second version"
        talk.save_revision().publish()

    assert ("localhost", talk.url) in cdn
    assert {("localhost", day.url), ("localhost", day.get_parent().url), ("localhost", "/")} <= set(cdn)


def test_unpublishing_a_talk_purges_it(cdn, db, django_capture_on_commit_callbacks):
    talk = make_talk(make_day(make_event()), "Soon gone")
    url = talk.url
    cdn.clear()

    with django_capture_on_commit_callbacks(execute=True):
        talk.unpublish()

    assert ("localhost", url) in cdn
