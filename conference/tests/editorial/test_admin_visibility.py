"""Admin listings of ours show an event's editor only the pages they may edit (issue 11, problem 4)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from conference.models import Speaker, TalkPage, TalkSpeaker

TALKS = reverse("conference_talkpage_modeladmin_index")
SPEAKERS = reverse("conference_speaker_modeladmin_index")
pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_draft(event_b):
    """A draft talk of event B that names a speaker."""
    kim = Speaker.objects.create(name="Kim Park", slug="kim-park")
    talk = event_b.day.add_child(instance=TalkPage(title="Unannounced merger talk", slug="merger", live=False))
    talk.talk_speakers.add(TalkSpeaker(speaker=kim))
    talk.save_revision()
    talk.save()
    return talk


def page_text(response):
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def test_the_talks_index_lists_only_the_editors_own_events_talks(client, editor_a, event_a, event_b, secret_draft):
    client.force_login(editor_a)

    html = page_text(client.get(TALKS))

    assert event_a.talk.title in html
    assert "Unannounced merger talk" not in html and event_b.talk.title not in html


def test_a_moderator_still_sees_every_talk(client, moderator, event_a, secret_draft):
    client.force_login(moderator)

    html = page_text(client.get(TALKS))

    assert event_a.talk.title in html and "Unannounced merger talk" in html


def test_the_event_filter_names_only_live_or_editable_events(client, editor_a, event_a, event_b, secret_draft):
    event_b.event.unpublish()
    client.force_login(editor_a)

    html = page_text(client.get(TALKS))

    assert "PyCon A" in html and "DjangoCon B" not in html


def test_the_speaker_list_does_not_link_other_events_drafts(client, editor_a, secret_draft):
    client.force_login(editor_a)

    html = page_text(client.get(SPEAKERS))

    assert "Kim Park" in html and "Unannounced merger talk" not in html
