"""`live_site` (the root conftest.py, conference/testing.py): a live server on the test's own database
connection, serving only while a test runs."""

import threading
import urllib.request

from conference.factories import make_speaker
from conference.testing import _OneAtATime


def test_the_live_site_serves_what_the_test_has_not_committed(live_site):
    speaker = make_speaker("Seen only inside this test")

    with urllib.request.urlopen(f"{live_site.url}{speaker.get_absolute_url()}", timeout=10) as response:  # noqa: S310 - http on the live server
        page = response.read().decode()

    assert response.status == 200
    assert "Seen only inside this test" in page


class _SlowApp:
    """A WSGI app whose request goes on until the test lets it end."""

    def __init__(self):
        self.started, self.finish, self.calls = threading.Event(), threading.Event(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        self.started.set()
        assert self.finish.wait(10)
        start_response("200 OK", [])
        return [b"served"]


def _call(site):
    answer = {}

    def start_response(status, headers):
        answer["status"] = status

    answer["body"] = b"".join(site({}, start_response))
    return answer


def test_between_tests_the_site_answers_503_without_reaching_the_database():
    app = _SlowApp()
    site = _OneAtATime(app)

    answer = _call(site)

    assert answer["status"].startswith("503")
    assert app.calls == 0


def test_closing_the_site_waits_for_the_request_being_served():
    app = _SlowApp()
    site = _OneAtATime(app)
    site.open()
    answers = []
    request = threading.Thread(target=lambda: answers.append(_call(site)))
    request.start()
    assert app.started.wait(10)
    closed = threading.Event()
    closing = threading.Thread(target=lambda: (site.close(), closed.set()))
    closing.start()

    still_serving = not closed.wait(0.2)
    app.finish.set()
    request.join(10)
    closing.join(10)

    assert still_serving
    assert closed.is_set()
    assert answers == [{"status": "200 OK", "body": b"served"}]
    assert _call(site)["status"].startswith("503")
