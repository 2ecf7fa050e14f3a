"""Calendars of an event, a day, a talk, a speaker and a track: parsed back with icalendar."""

import datetime
import zoneinfo

import icalendar
import pytest
from bs4 import BeautifulSoup

from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.models import Track
from conference.testing import per_module

pytestmark = pytest.mark.django_db

T = datetime.time
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def build_tree():
    """A Berlin event across the end of summer time (27 October 2024, 03:00 CEST → 02:00 CET)."""
    event = make_event(
        "Herbst Conf",
        start_date=datetime.date(2024, 10, 26),
        end_date=datetime.date(2024, 10, 28),
        time_zone="Europe/Berlin",
        location="Berlin",
    )
    sat, sun, mon = make_day(event, slug="sat"), make_day(event, slug="sun"), make_day(event, slug="mon")
    ada = make_speaker("Ada", slug="ada")
    web = Track.objects.create(event=event, name="Web", slug="web")
    talks = {
        "summer": make_talk(sat, "Summer", start_time=T(10, 0), end_time=T(11, 0), room="Hall A", speakers=[ada]),
        # After midnight on Saturday's page: Sunday 01:30 CEST to 03:30 CET, three hours in all.
        "night": make_talk(sat, "Night", start_time=T(1, 30), end_time=T(3, 30), room="Club", track=web),
        "winter": make_talk(
            mon, "Winter", start_time=T(10, 0), end_time=T(10, 45), speakers=[ada], track=web, summary="Cold."
        ),
        "untimed": make_talk(sun, "Untimed"),
    }
    return event, {"sat": sat, "sun": sun, "mon": mon}, talks


_module_tree, tree = per_module(build_tree)


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def entries(calendar):
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_a_talk_calendar_has_its_time_zone_uid_url_description_and_room(client, tree):
    event, days, talks = tree
    talk = talks["winter"]

    calendar = parse(client, f"{talk.url}calendar.ics")

    entry = entries(calendar)["Winter"]
    assert entry["uid"] == str(talk.guid)
    assert entry.decoded("dtstart") == datetime.datetime(2024, 10, 28, 10, 0, tzinfo=BERLIN)
    assert entry["dtstart"].params["TZID"] == "Europe/Berlin"
    assert entry.decoded("dtend") == datetime.datetime(2024, 10, 28, 10, 45, tzinfo=BERLIN)
    assert entry["url"] == f"http://testserver{talk.url}"
    assert str(entry["description"]) == f"Cold.\n\nNotes: http://testserver{talk.url}"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_times_round_trip_across_the_change_from_summer_to_winter_time(client, tree):
    event, days, talks = tree

    found = entries(parse(client, f"{event.url}calendar.ics"))

    utc = datetime.UTC
    assert found["Summer"].decoded("dtstart").astimezone(utc) == datetime.datetime(2024, 10, 26, 8, 0, tzinfo=utc)
    assert found["Winter"].decoded("dtstart").astimezone(utc) == datetime.datetime(2024, 10, 28, 9, 0, tzinfo=utc)
    night_start, night_end = found["Night"].decoded("dtstart"), found["Night"].decoded("dtend")
    assert night_start == datetime.datetime(2024, 10, 27, 1, 30, tzinfo=BERLIN)
    assert night_start.astimezone(utc).hour == 23  # 01:30 CEST
    assert night_end.astimezone(utc).hour == 2  # 03:30 CET
    assert night_end - night_start == datetime.timedelta(hours=2)  # wall clock; three real hours
    assert (night_end.astimezone(utc) - night_start.astimezone(utc)) == datetime.timedelta(hours=3)


def test_the_event_calendar_has_the_event_all_day_and_every_talk(client, tree):
    event, days, talks = tree

    found = entries(parse(client, f"{event.url}calendar.ics"))

    assert sorted(found) == ["Herbst Conf", "Night", "Summer", "Untimed", "Winter"]
    assert found["Herbst Conf"].decoded("dtstart") == datetime.date(2024, 10, 26)
    assert found["Herbst Conf"].decoded("dtend") == datetime.date(2024, 10, 29)  # exclusive, RFC 5545
    assert found["Untimed"].decoded("dtstart") == datetime.date(2024, 10, 27)
    assert str(found["Summer"]["location"]) == "Hall A, Berlin"
    assert [str(c) for c in found["Night"]["categories"].cats] == ["Talk", "Web"]


def test_day_speaker_and_track_calendars_hold_their_own_talks(client, tree):
    event, days, talks = tree

    assert sorted(entries(parse(client, f"{days['sat'].url}calendar.ics"))) == ["Night", "Summer"]
    assert sorted(entries(parse(client, "/speakers/ada/calendar.ics"))) == ["Summer", "Winter"]
    assert sorted(entries(parse(client, f"{event.url}tracks/web/calendar.ics"))) == ["Night", "Winter"]
    assert client.get(f"{event.url}tracks/nope/calendar.ics").status_code == 404


def test_a_draft_talk_is_in_no_calendar_and_has_none_of_its_own(client, tree):
    event, days, talks = tree
    secret = make_talk(days["sat"], "Secret", slug="secret", start_time=T(12, 0), live=False)

    assert "Secret" not in entries(parse(client, f"{event.url}calendar.ics"))
    assert client.get(f"{days['sat'].url}secret/calendar.ics").status_code == 404
    assert client.get(f"{days['sat'].url}no-such-talk/calendar.ics").status_code == 404
    assert secret.pk


def test_pages_link_to_their_calendars_and_event_and_speaker_offer_webcal(client, tree):
    event, days, talks = tree
    pages = {
        "event": (event.url, f"{event.url}calendar.ics"),
        "day": (days["sat"].url, f"{days['sat'].url}calendar.ics"),
        "talk": (talks["winter"].url, f"{talks['winter'].url}calendar.ics"),
        "speaker": ("/speakers/ada/", "/speakers/ada/calendar.ics"),
        "track": (f"{event.url}talks/?track=web", f"{event.url}tracks/web/calendar.ics"),
    }
    for name, (url, calendar) in pages.items():
        document = BeautifulSoup(client.get(url).content, "html.parser")
        hrefs = [a["href"] for a in document.select(".calendar-links a")]
        assert hrefs[0] == calendar, name
        assert document.select(".calendar-links a")[0].text.startswith("Add "), name
        if name in ("event", "speaker"):
            assert hrefs[1] == f"webcal://testserver{calendar}", name
        else:
            assert len(hrefs) == 1, name
