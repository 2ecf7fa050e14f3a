"""schedule.json and schedule.xml follow every rule of the format's published schemas."""

import datetime
import json

import pytest
from defusedxml import ElementTree as ET

from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.models import EventPage, TalkLink, Track
from conference.testing import per_module

from .schema_rules import json_errors, xml_errors

pytestmark = pytest.mark.django_db

T = datetime.time


def build_event():
    event = make_event(
        "PyCon Test",
        slug="pycon-test",
        start_date=datetime.date(2024, 10, 26),
        end_date=datetime.date(2024, 10, 27),
        time_zone="Europe/Berlin",
        acronym="pycon_test_2024",
    )
    sat, sun = make_day(event, slug="sat"), make_day(event, slug="sun")
    ada = make_speaker("Ada Lovelace", slug="ada", bio="Wrote the first program.")
    web = Track.objects.create(event=event, name="Web", slug="web", color="#1a6b3c")
    make_talk(
        sat,
        "Forms & Ünïcode",
        start_time=T(10, 0),
        end_time=T(11, 30),
        room="Hall A",
        speakers=[ada],
        track=web,
        summary="All about forms.",
        links=[TalkLink(kind="slides", url="https://example.org/slides.pdf", sort_order=0)],
    )
    make_talk(sat, "Overlap", start_time=T(10, 15), end_time=T(10, 45), room="Hall A")
    make_talk(sat, "Late night", kind="lightning", start_time=T(0, 30), end_time=T(1, 0), room="Club")
    make_talk(sun, "Open end", kind="keynote", start_time=T(9, 0), room="Hall B")
    make_talk(sun, "Untimed notes")
    return event


_module_event, event = per_module(build_event)


def get_json(client, event):
    response = client.get(f"{event.url}schedule.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def get_xml(client, event):
    response = client.get(f"{event.url}schedule.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return response.content


def test_schedule_json_follows_every_rule_of_the_published_schema(client, event):
    document = get_json(client, event)

    assert json_errors(document) == []


def test_schedule_json_says_the_conference_days_rooms_and_talks(client, event):
    conference = get_json(client, event)["schedule"]["conference"]

    assert (conference["acronym"], conference["time_zone_name"], conference["daysCount"]) == (
        "pycon_test_2024",
        "Europe/Berlin",
        2,
    )
    assert conference["tracks"] == [{"name": "Web", "color": "#1a6b3c"}]
    assert [room["name"] for room in conference["rooms"]] == ["Club", "Hall A", "Hall B"]
    sat, sun = conference["days"]
    assert (sat["index"], sat["date"], sat["day_start"], sat["day_end"]) == (
        1,
        "2024-10-26",
        "2024-10-26T10:00:00+02:00",
        "2024-10-27T01:00:00+02:00",
    )
    forms = sat["rooms"]["Hall A"][0]
    assert forms["slug"] == f"pycon_test_2024-{forms['id']}-forms-unicode"
    assert (forms["date"], forms["start"], forms["duration"]) == ("2024-10-26T10:00:00+02:00", "10:00", "01:30")
    assert forms["persons"][0]["name"] == "Ada Lovelace"
    assert forms["persons"][0]["biography"] == "Wrote the first program."
    assert forms["links"] == [{"type": "slides", "title": "Slides", "url": "https://example.org/slides.pdf"}]
    assert forms["track"] == "Web"
    late = sat["rooms"]["Club"][0]
    assert (late["date"], late["type"]) == ("2024-10-27T00:30:00+02:00", "lightning")
    open_end = sun["rooms"]["Hall B"][0]
    assert (open_end["duration"], open_end["track"]) == ("00:00", None)
    titles = [t["title"] for day in conference["days"] for talks in day["rooms"].values() for t in talks]
    assert "Untimed notes" not in titles  # the format needs a start
    ids = [t["id"] for day in conference["days"] for talks in day["rooms"].values() for t in talks]
    assert len(ids) == len(set(ids)) == 4


def test_schedule_xml_follows_every_rule_of_the_published_xsd(client, event):
    document = get_xml(client, event)

    assert xml_errors(document) == []
    root = ET.fromstring(document)
    assert root.findtext("conference/acronym") == "pycon_test_2024"
    assert [d.get("date") for d in root.findall("day")] == ["2024-10-26", "2024-10-27"]
    forms = root.find("day/room[@name='Hall A']/event")
    assert (forms.findtext("title"), forms.findtext("duration"), forms.findtext("date")) == (
        "Forms & Ünïcode",
        "01:30",
        "2024-10-26T10:00:00+02:00",
    )
    assert [p.text for p in forms.findall("persons/person")] == ["Ada Lovelace"]
    assert forms.find("links/link").get("href") == "https://example.org/slides.pdf"


def test_our_schemas_catch_what_they_should(client, event):
    """The rules bite: a broken document is refused (so an empty error list means something)."""
    document = get_json(client, event)
    talk = document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]
    talk["duration"], talk["slug"], talk["colour"] = "90 minutes", "Forms-", "red"
    document["schedule"]["conference"]["acronym"] = "PyCon"

    errors = "\n".join(json_errors(document))

    for expected in ("'90 minutes' does not match", "'Forms-' does not match", "'colour' was unexpected", "'PyCon'"):
        assert expected in errors
    broken = get_xml(client, event).replace(b"<duration>01:30</duration>", b"<duration>1h30</duration>", 1)
    assert any("duration" in e for e in xml_errors(broken))


def test_the_event_page_links_to_its_schedule_files(client, event):
    from bs4 import BeautifulSoup

    links = BeautifulSoup(client.get(event.url).content, "html.parser").select(".event-schedule-files a")

    assert [a["href"] for a in links] == [f"{event.url}schedule.json", f"{event.url}schedule.xml"]


def test_a_draft_event_has_no_schedule(client):
    draft = make_event(live=False, slug="draft-conf")

    assert client.get("/draft-conf/schedule.json").status_code == 404
    assert draft.pk


def test_export_schedule_writes_the_files_the_site_serves(client, event, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("export_schedule", "pycon-test", output_dir=tmp_path, base_url="http://testserver", stdout=out)

    assert json.loads((tmp_path / "schedule.json").read_text()) == get_json(client, event)
    assert (tmp_path / "schedule.xml").read_bytes() == get_xml(client, event)
    assert f"Wrote {tmp_path / 'schedule.json'}" in out.getvalue()
    with pytest.raises(CommandError, match="No published event with the slug “nope” \\(published events: pycon-test"):
        call_command("export_schedule", "nope", output_dir=tmp_path)


def test_the_demo_exports_by_the_rules_and_comes_back_the_same(client, tmp_path, demo):
    from io import StringIO

    from django.core.management import call_command

    from conference.models import DayPage, TalkPage

    demo = EventPage.objects.get(slug="djangocon-us-2023")
    document = get_json(client, demo)
    assert json_errors(document) == []
    assert xml_errors(get_xml(client, demo)) == []
    assert document["schedule"]["conference"]["time_zone_name"] == "America/New_York"
    before = sorted(TalkPage.objects.values_list("guid", "title", "start_time", "end_time", "room"))
    (tmp_path / "demo.json").write_bytes(client.get(f"{demo.url}schedule.json").content)

    out = StringIO()
    call_command("import_schedule", str(tmp_path / "demo.json"), "--publish", stdout=out)

    assert "0 created, 0 updated, 0 moved, 29 unchanged" in out.getvalue()
    assert sorted(TalkPage.objects.values_list("guid", "title", "start_time", "end_time", "room")) == before
    assert DayPage.objects.count() == 3
