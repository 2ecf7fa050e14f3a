"""Speakers in the admin: search, filter by event, their talks counted and linked, and no deleting a busy speaker."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conference.factories import publish
from conference.models import LightningTalk, Speaker, TalkPage, TalkSpeaker
from conference.testing import per_module

from .site import build_editorial_site

INDEX = "conference_speaker_modeladmin_index"
DELETE = "conference_speaker_modeladmin_delete"


def add_speaker_to(talk, speaker):
    talk.talk_speakers.add(TalkSpeaker(speaker=speaker))
    publish(talk)


def build_speaker_site():
    """Kim speaks at both events (and in a draft talk), Lee at event B only, Sam nowhere."""
    site = build_editorial_site()
    kim = Speaker.objects.create(name="Kim Park", slug="kim-park", bio="Testing enthusiast.")
    lee = Speaker.objects.create(name="Lee Chan", slug="lee-chan", bio="Writes about Django.")
    sam = Speaker.objects.create(name="Sam Idle", slug="sam-idle")
    add_speaker_to(site.event_a.talk, kim)
    add_speaker_to(site.event_b.talk, lee)
    lightning = site.event_b.day.add_child(
        instance=TalkPage(title="Lightning talks", slug="lightning", kind="lightning", live=False)
    )
    lightning.lightning_talks.add(LightningTalk(title="Five minutes of fixtures", speaker=kim))
    lightning.save_revision()  # a draft: it holds Kim too
    lightning.save()
    site.speakers = {"kim": kim, "lee": lee, "sam": sam, "lightning": lightning}
    return site


_module_speaker_site, speaker_site = per_module(build_speaker_site)


# The editorial conftest's fixtures, from the site built once for this module.
@pytest.fixture
def event_a(speaker_site):
    return speaker_site.event_a


@pytest.fixture
def event_b(speaker_site):
    return speaker_site.event_b


@pytest.fixture
def editor_a(speaker_site):
    return speaker_site.editor_a


@pytest.fixture
def moderator(speaker_site):
    return speaker_site.moderator


@pytest.fixture
def speakers(speaker_site):
    return speaker_site.speakers


def rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {row.select_one("td a").get_text(strip=True): row for row in soup.select("table.listing tbody tr")}


@pytest.mark.django_db
def test_the_speaker_list_counts_and_links_each_speakers_talks(client, moderator, speakers, event_a, event_b):
    client.force_login(moderator)

    listed = rows(client.get(reverse(INDEX)))

    assert set(listed) == {"Kim Park", "Lee Chan", "Sam Idle"}
    kim = listed["Kim Park"]
    links = {a.text: a["href"] for a in kim.select("a") if "/pages/" in a["href"]}
    assert links == {
        event_a.talk.title: reverse("wagtailadmin_pages:edit", args=[event_a.talk.pk]),
        "Lightning talks": reverse("wagtailadmin_pages:edit", args=[speakers["lightning"].pk]),
    }
    assert "Lightning talks (draft)" in " ".join(kim.get_text().split())
    assert "1" in [td.get_text(strip=True) for td in kim.select("td")]  # live talks only
    assert "—" in listed["Sam Idle"].get_text()


@pytest.mark.django_db
def test_the_speaker_list_runs_the_same_queries_for_more_speakers(client, moderator, speakers, event_a):
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(INDEX))
    for n in range(5):
        add_speaker_to(event_a.talk, Speaker.objects.create(name=f"Extra {n}", slug=f"extra-{n}"))

    with CaptureQueriesContext(connection) as many:
        client.get(reverse(INDEX))

    assert len(many) == len(few)


@pytest.mark.django_db
def test_speakers_can_be_searched_and_filtered_by_event(client, moderator, speakers, event_a, event_b):
    client.force_login(moderator)

    assert set(rows(client.get(reverse(INDEX), {"q": "django"}))) == {"Lee Chan"}  # the bio is searched
    assert set(rows(client.get(reverse(INDEX), {"q": "kim"}))) == {"Kim Park"}
    assert set(rows(client.get(reverse(INDEX), {"event": event_a.event.pk}))) == {"Kim Park"}
    assert set(rows(client.get(reverse(INDEX), {"event": event_b.event.pk}))) == {"Kim Park", "Lee Chan"}


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_a_speaker_who_has_talks_is_refused_and_names_the_talks(client, moderator, speakers, event_a, method):
    kim = speakers["kim"]
    client.force_login(moderator)
    url = reverse(DELETE, args=[kim.pk])

    response = getattr(client, method)(url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "Kim Park cannot be deleted" in text
    assert "Kim Park is a speaker on, or quoted in, 2 talks." in text
    assert "nothing has been deleted" in text
    assert {a.text: a["href"] for a in soup.select(".speaker-talks a")} == {
        event_a.talk.title: reverse("wagtailadmin_pages:edit", args=[event_a.talk.pk]),
        "Lightning talks": reverse("wagtailadmin_pages:edit", args=[speakers["lightning"].pk]),
    }
    assert "PyCon A, Day 1)" in text and "DjangoCon B, Day 1, draft)" in text
    assert soup.find("input", value="Yes, delete") is None  # no button that cannot work
    # Nothing is lost.
    assert Speaker.objects.filter(pk=kim.pk).exists()
    assert TalkSpeaker.objects.filter(speaker=kim).count() == 1
    assert LightningTalk.objects.filter(speaker=kim).count() == 1
    assert "Kim Park" in client.get(event_a.talk.url).content.decode()


@pytest.mark.django_db
def test_a_speaker_without_talks_can_be_deleted(client, moderator, speakers):
    client.force_login(moderator)
    url = reverse(DELETE, args=[speakers["sam"].pk])

    assert "Yes, delete" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert not Speaker.objects.filter(slug="sam-idle").exists()


@pytest.mark.django_db
def test_editors_may_add_and_edit_speakers_but_not_delete_them(client, editor_a, speakers):
    client.force_login(editor_a)

    assert client.get(reverse(INDEX)).status_code == 200
    assert client.get(reverse("conference_speaker_modeladmin_create")).status_code == 200
    assert client.get(reverse("conference_speaker_modeladmin_edit", args=[speakers["sam"].pk])).status_code == 200
    refused = client.post(reverse(DELETE, args=[speakers["sam"].pk]))
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    assert Speaker.objects.filter(slug="sam-idle").exists()
