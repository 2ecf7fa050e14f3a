"""Recordings: a click-to-load player for YouTube, Vimeo and configured PeerTube hosts, a plain link otherwise."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from conference.factories import make_day, make_event, make_talk
from conference.models import TalkLink
from conference.recordings import player_for


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ),
        ("https://www.youtube.com/live/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
        ("https://vimeo.com/76979871/abc123ef", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abc123ef"),
        ("https://tube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d", None),  # a host not configured
        ("https://www.youtube.com/watch?v=not-an-id", None),
        ("https://www.youtube.com/@djangoconus", None),
        ("https://media.ccc.de/v/some-talk", None),
        ("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", None),
    ],
)
def test_players_come_from_the_privacy_friendly_hosts(url, embed):
    player = player_for(url)
    assert (player.embed_url if player else None) == embed


def test_peertube_plays_only_on_the_configured_hosts(settings):
    settings.CONFERENCE_PEERTUBE_HOSTS = ["tube.example.org"]
    player = player_for("https://tube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv")
    assert player.embed_url == "https://tube.example.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?autoplay=1&warningTitle=0"
    assert player_for("https://other.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv") is None
    assert player_for("http://tube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv") is None  # never a plain-http frame


@pytest.mark.django_db
def test_a_talk_shows_its_recording_as_a_poster_link_and_its_slides_as_a_link():
    talk = make_talk(make_day(make_event()), "Testing with care")
    TalkLink.objects.create(talk=talk, kind="recording", url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    TalkLink.objects.create(talk=talk, kind="recording", title="Mirror", url="https://media.ccc.de/v/testing")
    TalkLink.objects.create(talk=talk, kind="slides", url="https://example.org/slides.pdf")
    html = BeautifulSoup(Client().get(talk.url).content, "html.parser")

    section = html.select_one("section.recordings")
    poster = section.select_one("a.recording__poster")
    # Without JavaScript the poster is a link to the video on its own site.
    assert poster["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert poster["data-player-src"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert "Play “Testing with care”" in poster.get_text(" ", strip=True)
    assert section.find("iframe") is None  # nothing loads from YouTube until the reader asks
    assert "youtube-nocookie.com" in section.figcaption.get_text()
    assert [a["href"] for a in section.select(".recording--link a")] == ["https://media.ccc.de/v/testing"]
    assert html.find("script", src=lambda src: src and "recordings" in src).has_attr("defer")
    assert "https://example.org/slides.pdf" in [a["href"] for a in html.select(".talk-links a")]


@pytest.mark.django_db
def test_a_talk_without_a_recording_loads_no_script():
    talk = make_talk(make_day(make_event()))
    html = BeautifulSoup(Client().get(talk.url).content, "html.parser")
    assert html.select("section.recordings") == []
    assert html.find("script", src=lambda src: src and "recordings" in src) is None
