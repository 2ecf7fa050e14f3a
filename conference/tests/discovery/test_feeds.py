"""Atom feeds of the newest notes: the site, an event, a speaker, a tag; parsed as a feed reader would."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from conference.factories import make_talk


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def titles(feed):
    return [entry.title for entry in feed.entries]


def test_the_site_feed_lists_published_notes_newest_first_with_summary_and_link(client, tree):
    later = make_talk(tree.day, "The newest notes", summary="Published last.")
    feed = parse(client, "/feed.atom")
    assert titles(feed) == ["The newest notes", "A talk without a summary", "Queries that explain themselves"]
    newest = feed.entries[0]
    assert newest.link == f"http://testserver{later.url}"
    assert newest.summary == "Published last."
    assert feed.entries[1].summary == "The notes begin here."  # no summary: the notes' first paragraph
    assert newest.id == f"urn:uuid:{later.guid}"
    assert feed.feed.links[0].href == "http://testserver/"


def test_order_follows_first_publication_not_later_edits(client, tree):
    tree.talk.first_published_at = timezone.now() + datetime.timedelta(minutes=5)
    tree.talk.save(update_fields=["first_published_at"])
    assert titles(parse(client, "/feed.atom"))[0] == "Queries that explain themselves"


def test_event_speaker_and_tag_feeds_hold_only_their_talks(client, tree):
    from conference.factories import make_day, make_event

    other_day = make_day(make_event("OtherCon"))
    make_talk(other_day, "Elsewhere", speakers=[tree.grace], tags=["orm"])
    assert set(titles(parse(client, f"{tree.event.url}feed.atom"))) == {
        "Queries that explain themselves",
        "A talk without a summary",
    }
    assert set(titles(parse(client, f"/speakers/{tree.grace.slug}/feed.atom"))) == {
        "Queries that explain themselves",
        "Elsewhere",
    }
    assert set(titles(parse(client, "/tags/orm/feed.atom"))) == {
        "Queries that explain themselves",
        "A talk without a summary",
        "Elsewhere",
    }


def test_a_lightning_talk_speaker_feed_lists_the_session(client, tree):
    make_talk(
        tree.day, "Lightning round", kind="lightning", lightning_talks=[{"title": "Five minutes", "speaker": tree.ada}]
    )
    assert "Lightning round" in titles(parse(client, f"/speakers/{tree.ada.slug}/feed.atom"))


@pytest.mark.parametrize("path", ["/feed.atom", "/tags/orm/feed.atom"])
def test_drafts_and_private_talks_stay_out_of_feeds(client, tree, path):
    assert not {"Secret draft talk", "Private talk"} & set(titles(parse(client, path)))
    assert not {"Secret draft talk", "Private talk"} & set(
        titles(parse(client, f"/speakers/{tree.ada.slug}/feed.atom"))
    )


def test_feeds_of_missing_private_or_non_event_pages_are_404(client, tree):
    from wagtail.models import PageViewRestriction

    assert client.get("/no-such-event/feed.atom").status_code == 404
    assert client.get(f"{tree.day.url}feed.atom").status_code == 404
    assert client.get("/tags/no-such-tag/feed.atom").status_code == 404
    PageViewRestriction.objects.create(page=tree.event, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"{tree.event.url}feed.atom").status_code == 404
