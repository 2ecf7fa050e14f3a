"""Choosing or creating a speaker from the talk form (Wagtail's chooser), with duplicates by name caught."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from conference.factories import make_day, make_event, make_speaker
from conference.models import Speaker

CREATE = reverse("speaker_chooser:create")


@pytest.fixture
def day(db):
    return make_day(make_event(start_date=datetime.date(2023, 10, 16)), date=datetime.date(2023, 10, 16))


def modal_html(response) -> str:
    return response.json()["html"]


def test_the_talk_form_and_lightning_talks_use_the_speaker_chooser(admin_client, day):
    html = admin_client.get(reverse("wagtailadmin_pages:add", args=("conference", "talkpage", day.pk))).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    templates = " ".join(str(t) for t in soup.find_all("template"))
    assert "Choose a speaker" in templates  # the inline's empty form, for a talk's speakers and lightning talks
    assert reverse("speaker_chooser:choose") in html


def test_the_chooser_offers_a_creation_form(admin_client, db):
    make_speaker("Grace Hopper")
    response = admin_client.get(reverse("speaker_chooser:choose"))
    html = modal_html(response)
    assert "Grace Hopper" in html
    assert "Create a new speaker" in html


def test_a_new_speaker_is_created_from_the_chooser_with_a_slug_from_the_name(admin_client, db):
    response = admin_client.post(CREATE, {"name": "Ada Lovelace", "bio": ""})

    assert response.json()["step"] == "chosen"
    speaker = Speaker.objects.get(name="Ada Lovelace")
    assert speaker.slug == "ada-lovelace"
    assert response.json()["result"]["id"] == str(speaker.pk)


def test_creating_a_speaker_whose_name_exists_warns_and_needs_a_tick(admin_client, db):
    existing = make_speaker("Ada Lovelace")

    warned = admin_client.post(CREATE, {"name": "ada lovelace", "bio": ""})

    assert warned.json()["step"] == "reshow_creation_form"
    soup = BeautifulSoup(warned.json()["htmlFragment"], "html.parser")
    assert "A speaker named “ada lovelace” already exists" in soup.text
    assert soup.find("a", href=existing.get_absolute_url()) is not None
    assert soup.find("input", attrs={"name": "same_name", "type": "checkbox"}) is not None
    assert Speaker.objects.count() == 1

    confirmed = admin_client.post(CREATE, {"name": "ada lovelace", "bio": "", "same_name": "on"})

    assert confirmed.json()["step"] == "chosen"
    assert Speaker.objects.count() == 2
    assert Speaker.objects.exclude(pk=existing.pk).get().name == "ada lovelace"


def test_the_speakers_index_create_form_warns_about_a_name_already_taken(admin_client, db):
    existing = make_speaker("Ada Lovelace")
    url = reverse("conference_speaker_modeladmin_create")
    data = {
        "name": "Ada Lovelace",
        "slug": "ada-lovelace-again",
        "bio": "",
        "photo-count": "0",
        "links-TOTAL_FORMS": "0",
    }
    data.update({"links-INITIAL_FORMS": "0", "links-MIN_NUM_FORMS": "0", "links-MAX_NUM_FORMS": "1000"})

    response = admin_client.post(url, data, follow=True)

    assert Speaker.objects.filter(slug="ada-lovelace-again").exists()
    warning = BeautifulSoup(response.content, "html.parser").find(string=lambda s: s and "already exists" in s)
    assert warning is not None and "A speaker named “Ada Lovelace” already exists" in warning
    assert BeautifulSoup(response.content, "html.parser").find("a", href=existing.get_absolute_url())
