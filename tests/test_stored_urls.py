"""Stored URLs pass a scheme allow-list when rendered, whatever stored them (issue 11, problem 6)."""

import pytest

from blocks.templatetags.safe_urls import is_safe_url
from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.models import EventPage
from conference.models.speakers import SpeakerLink
from conference.tests.helpers import soup

pytestmark = pytest.mark.django_db

EVIL = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
GOOD = ["https://example.org/", "http://example.org/x", "mailto:a@example.org", "/talks/", "#notes", "?q=x", "x.html"]


@pytest.mark.parametrize("url", EVIL)
def test_scripts_and_other_schemes_are_refused(url):
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", GOOD)
def test_web_mail_and_relative_urls_are_allowed(url):
    assert is_safe_url(url)


def hrefs(response):
    return [a.get("href") for a in soup(response).select("main a")]


def stored(model, pk, **values):
    """Write values straight to the table, past every form and validator (as a script or migration might)."""
    model.objects.filter(pk=pk).update(**values)


def test_an_events_website_and_intro_links_render_only_with_allowed_schemes(client):
    event = make_event("Stored Conf")
    intro = '<p><a href="javascript:alert(1)">one</a> <a href="javascript&#58;alert(2)">two</a> <a href="https://ok.example/">ok</a></p>'
    stored(EventPage, event.pk, website="javascript:alert(document.cookie)", intro=intro)

    response = client.get(event.url)

    links = hrefs(response)
    assert not [h for h in links if h and "script" in h.lower()]
    assert "https://ok.example/" in links
    assert "Official website" not in response.content.decode()
    assert "one" in soup(response).select_one(".intro").get_text()  # the text stays, without a link


def test_a_speakers_stored_links_render_only_with_allowed_schemes(client):
    speaker = make_speaker("Link Person")
    SpeakerLink.objects.create(speaker=speaker, title="Evil", url="java\nscript:alert(1)")
    SpeakerLink.objects.create(speaker=speaker, title="Blog", url="https://blog.example/")
    talk_day = make_day(make_event())
    make_talk(talk_day, "A talk", speakers=[speaker])

    response = client.get(speaker.get_absolute_url())

    assert "https://blog.example/" in hrefs(response)
    assert not [h for h in hrefs(response) if h and "script" in h.lower()]
    assert "Evil" in response.content.decode()


def test_blocks_render_stored_urls_only_with_allowed_schemes(client):
    day = make_day(make_event())
    body = [
        ("paragraph", '<p><a href="JAVASCRIPT:alert(1)">click</a> and <a href="/relative/">here</a></p>'),
        ("quote", {"text": "Words.", "attribution": "Someone", "speaker": None, "source_url": "javascript:alert(1)"}),
        ("quote", {"text": "More.", "attribution": "Other", "speaker": None, "source_url": "https://src.example/"}),
    ]
    talk = make_talk(day, "Stored body", body=body)

    response = client.get(talk.url)

    html = response.content.decode()
    assert "javascript" not in html.lower()
    assert "/relative/" in hrefs(response) and "https://src.example/" in hrefs(response)
    assert 'cite="https://src.example/"' in html
