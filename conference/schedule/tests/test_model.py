"""The schedule's fields on the page models: times, durations, time zones, acronyms, guids."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from conference.factories import make_day, make_event, make_talk
from conference.models import TalkPage

pytestmark = pytest.mark.django_db

T = datetime.time


@pytest.fixture
def day():
    return make_day(make_event(start_date=datetime.date(2024, 10, 26)))


def test_a_talk_running_past_midnight_is_valid_and_its_duration_is_derived(day):
    talk = make_talk(day, start_time=T(23, 30), end_time=T(0, 45))

    talk.full_clean()

    assert talk.duration == datetime.timedelta(minutes=75)


def test_a_talk_without_times_is_valid_and_has_no_duration(day):
    talk = make_talk(day)

    talk.full_clean()

    assert talk.duration is None


def test_an_end_time_without_a_start_time_is_refused(day):
    talk = make_talk(day)
    talk.end_time = T(11, 0)

    with pytest.raises(ValidationError) as caught:
        talk.full_clean()

    assert caught.value.message_dict == {"start_time": ["A talk with an end time needs a start time."]}


def test_an_unknown_time_zone_is_refused_with_its_name():
    event = make_event()
    event.time_zone = "Mars/Olympus_Mons"

    with pytest.raises(ValidationError) as caught:
        event.full_clean()

    assert caught.value.message_dict == {"time_zone": ["Value 'Mars/Olympus_Mons' is not a valid choice."]}


def test_the_event_time_zone_defaults_to_the_setting(settings):
    settings.CONFERENCE_DEFAULT_TIME_ZONE = "Europe/Berlin"

    assert make_event().time_zone == "Europe/Berlin"


@pytest.mark.parametrize(
    "acronym, ok", [("djangocon_us_2023", True), ("36c3", True), ("DjangoCon", False), ("dc", False)]
)
def test_the_acronym_follows_the_schedule_format(acronym, ok):
    event = make_event()
    event.acronym = acronym

    if ok:
        event.full_clean()
    else:
        with pytest.raises(ValidationError) as caught:
            event.full_clean()
        assert "acronym" in caught.value.message_dict


def test_the_guid_survives_a_new_slug_and_publishing_an_old_revision(day):
    talk = make_talk(day, slug="first")
    guid = talk.guid
    old_revision = talk.latest_revision

    talk.slug = "renamed"
    talk.save_revision().publish()
    old_revision.publish()

    assert TalkPage.objects.get(pk=talk.pk).guid == guid


def test_a_copied_talk_gets_a_guid_of_its_own(day):
    talk = make_talk(day, slug="original")

    copy = talk.copy(update_attrs={"slug": "copy", "title": "Copy"})

    assert copy.guid != talk.guid
