"""A talk's kind must match its lightning talks, and it must end after it starts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from conference.factories import make_day, make_event, make_talk
from conference.models import LightningTalk, TalkPage

from .helpers import soup, text

KIND_MESSAGE = "This session has lightning talks: set its kind to “Lightning talks”, or remove the lightning talks."
TIME_MESSAGE = "The end time must be after the start time."


@pytest.fixture
def day(db):
    return make_day(make_event())


def talk_form(title="Evening talks", kind="talk", start_time="", end_time="", lightning_titles=(), slug="evening"):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "kind": kind,
            "talk_speakers": inline_formset([]),
            "links": inline_formset([]),
            "start_time": start_time,
            "end_time": end_time,
            "room": "",
            "summary": "",
            "tags": "",
            "body": streamfield([]),
            "lightning_talks": inline_formset(
                [{"title": title, "speaker": "", "notes": streamfield([])} for title in lightning_titles]
            ),
            "action-publish": "action-publish",
        }
    )


class TestModelValidation:
    def test_lightning_talks_in_a_session_that_is_not_of_kind_lightning_are_an_error_on_kind(self, day):
        talk = make_talk(day, kind="talk")
        talk.lightning_talks = [LightningTalk(title="Django stickers")]

        with pytest.raises(ValidationError) as caught:
            talk.full_clean()

        assert caught.value.message_dict == {"kind": [KIND_MESSAGE]}

    def test_changing_a_lightning_session_to_a_keynote_is_an_error_on_kind(self, day):
        talk = make_talk(day, kind="lightning", lightning_talks=[{"title": "Django stickers"}])
        talk.kind = "keynote"

        with pytest.raises(ValidationError) as caught:
            talk.full_clean()

        assert caught.value.message_dict == {"kind": [KIND_MESSAGE]}

    def test_a_lightning_session_with_lightning_talks_is_valid(self, day):
        talk = make_talk(day, kind="lightning", lightning_talks=[{"title": "Django stickers"}])

        talk.full_clean()  # raises nothing

    @pytest.mark.parametrize("end", [datetime.time(9, 0), datetime.time(10, 0)])
    def test_a_talk_must_end_after_it_starts(self, day, end):
        talk = make_talk(day)
        talk.start_time, talk.end_time = datetime.time(10, 0), end

        with pytest.raises(ValidationError) as caught:
            talk.full_clean()

        assert caught.value.message_dict == {"end_time": [TIME_MESSAGE]}

    def test_a_talk_with_only_a_start_time_is_valid(self, day):
        talk = make_talk(day, start_time=datetime.time(10, 0))

        talk.full_clean()  # raises nothing


class TestAdminForms:
    def add(self, client, day, data):
        return client.post(reverse("wagtailadmin_pages:add", args=("conference", "talkpage", day.pk)), data)

    def test_an_end_time_before_the_start_time_reshows_the_form_and_creates_nothing(self, day, admin_client):
        response = self.add(admin_client, day, talk_form(start_time="10:00", end_time="09:30"))

        assert response.status_code == 200
        assert response.context["form"].errors == {"end_time": [TIME_MESSAGE]}
        assert TIME_MESSAGE in text(soup(response))
        assert not TalkPage.objects.exists()

    def test_a_new_talk_with_lightning_talks_reshows_the_form_with_the_error_on_kind(self, day, admin_client):
        response = self.add(admin_client, day, talk_form(kind="talk", lightning_titles=["Django stickers"]))

        assert response.status_code == 200
        assert response.context["form"].errors["kind"] == [KIND_MESSAGE]
        assert KIND_MESSAGE in text(soup(response))
        assert not TalkPage.objects.exists()
        assert not LightningTalk.objects.exists()

    def test_publishing_lightning_talks_on_a_plain_talk_shows_the_error_on_kind(self, day, admin_client):
        talk = make_talk(day, "Evening talks", slug="evening", kind="talk")

        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=(talk.pk,)),
            talk_form(kind="talk", lightning_titles=["Django stickers"]),
        )

        assert response.status_code == 200
        assert response.context["form"].errors["kind"] == [KIND_MESSAGE]
        assert not TalkPage.objects.get(pk=talk.pk).lightning_talks.exists()

    def test_a_lightning_session_is_created_with_its_lightning_talks_in_order(self, day, admin_client):
        response = self.add(
            admin_client, day, talk_form(kind="lightning", lightning_titles=["Django stickers", "Solar eclipse"])
        )

        assert response.status_code == 302
        session = TalkPage.objects.child_of(day).get()
        assert (session.kind, session.live) == ("lightning", True)
        assert list(session.lightning_talks.values_list("title", "sort_order")) == [
            ("Django stickers", 0),
            ("Solar eclipse", 1),
        ]
