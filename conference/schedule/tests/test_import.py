"""import_schedule: schedule.json and frab XML in, as the Event → Day → Talk skeleton."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from conference.factories import make_day, make_event, make_talk, stream
from conference.models import DayPage, EventPage, Speaker, TalkPage, Track

from .schema_rules import json_errors, xml_errors

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
SMALL_JSON, SMALL_XML, BIG = FIXTURES / "small.json", FIXTURES / "small.xml", FIXTURES / "big.json"
T = datetime.time


def run(*args, **options):
    out = StringIO()
    call_command("import_schedule", *map(str, args), stdout=out, **options)
    return out.getvalue()


def schedule_of(event):
    """(day date, start, end, room, title, kind, track, [speakers]) for every talk: what an import must get right."""
    rows = []
    for day in DayPage.objects.child_of(event).order_by("path"):
        for talk in TalkPage.objects.child_of(day).with_speakers().with_track().order_by("start_time", "room"):
            rows.append(
                (
                    day.date,
                    talk.start_time,
                    talk.end_time,
                    talk.room,
                    talk.title,
                    talk.kind,
                    talk.track.name if talk.track else None,
                    [s.name for s in talk.speakers],
                )
            )
    return sorted(rows)


def test_the_fixtures_follow_the_formats_rules():
    assert json_errors(json.loads(SMALL_JSON.read_text())) == []
    assert json_errors(json.loads(BIG.read_text())) == []
    assert xml_errors(SMALL_XML.read_bytes()) == []


def test_importing_schedule_json_creates_the_event_days_talks_speakers_and_tracks():
    output = run(SMALL_JSON, publish=True)

    event = EventPage.objects.get(acronym="fixcon_2024")
    assert (event.title, event.time_zone, event.live) == ("FixCon 2024", "Europe/Berlin", True)
    assert schedule_of(event) == [
        (datetime.date(2024, 10, 26), T(0, 30), T(1, 15), "Hall A", "Night owls", "lightning", "Data", []),
        (
            datetime.date(2024, 10, 26),
            T(9, 0),
            T(10, 0),
            "Hall A",
            "Opening keynote",
            "keynote",
            None,
            ["Ada Lovelace"],
        ),
        (
            datetime.date(2024, 10, 26),
            T(9, 30),
            T(10, 0),
            "Hall B",
            "Forms, overlapping the keynote",
            "talk",
            "Web",
            ["Bob Builder", "Ada Lovelace"],
        ),
        (
            datetime.date(2024, 10, 27),
            T(10, 0),
            T(12, 0),
            "Hall B",
            "Winter-time workshop",
            "workshop",
            "Web",
            ["Bob Builder"],
        ),
    ]
    keynote = TalkPage.objects.get(title="Opening keynote")
    assert str(keynote.guid) == "5d0c2b6e-1a1e-4c5e-8f0a-000000000101"
    assert keynote.summary == "Why we are here."
    assert [(link.kind, link.label, link.url) for link in keynote.links.all()] == [
        ("slides", "Slides", "https://example.org/keynote.pdf"),
        ("recording", "Video", "https://media.example.org/keynote"),
    ]
    ada = Speaker.objects.get(name="Ada Lovelace")
    assert (str(ada.guid), ada.bio) == ("a7b0c1d2-0000-4000-8000-000000000001", "Wrote the first program.")
    assert Track.objects.get(event=event, name="Web").color == "#1a6b3c"
    assert "Imported" in output and "9 created" not in output


def test_a_second_run_changes_nothing():
    run(SMALL_JSON, publish=True)
    revisions = sorted(TalkPage.objects.values_list("pk", "latest_revision_id"))

    output = run(SMALL_JSON, publish=True)

    assert "0 created, 0 updated, 0 moved, 4 unchanged" in output
    assert sorted(TalkPage.objects.values_list("pk", "latest_revision_id")) == revisions


def test_a_changed_schedule_moves_the_talk_keeps_its_notes_and_says_what_moved(tmp_path):
    run(SMALL_JSON, publish=True)
    talk = TalkPage.objects.get(title="Forms, overlapping the keynote")
    talk.body = stream([("paragraph", "<p>My notes.</p>")])
    talk.save_revision().publish()
    document = json.loads(SMALL_JSON.read_text())
    day1, day2 = document["schedule"]["conference"]["days"]
    forms = day1["rooms"].pop("Hall B")[0]
    forms.update(date="2024-10-27T11:00:00+01:00", start="11:00", room="Hall A")
    day2["rooms"]["Hall A"] = [forms]
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document))

    output = run(changed, publish=True)

    assert (
        "moved talk “Forms, overlapping the keynote” from 2024-10-26 09:30 in Hall B to 2024-10-27 11:00 in Hall A"
        in (output)
    )
    assert TalkPage.objects.filter(title="Forms, overlapping the keynote").count() == 1
    moved = TalkPage.objects.get(pk=talk.pk)
    assert (moved.get_parent().specific.date, moved.start_time, moved.room) == (
        datetime.date(2024, 10, 27),
        T(11, 0),
        "Hall A",
    )
    assert moved.body[0].value.source == "<p>My notes.</p>"


def test_frab_xml_gives_the_same_skeleton_as_json():
    run(SMALL_JSON, publish=True)
    from_json = schedule_of(EventPage.objects.get())
    EventPage.objects.get().delete()
    Speaker.objects.all().delete()

    run(SMALL_XML, publish=True)

    assert schedule_of(EventPage.objects.get()) == from_json


def test_a_dry_run_writes_nothing():
    output = run(SMALL_JSON, dry_run=True)

    assert "Dry run" in output and "would be created talk “Opening keynote”" in output
    assert not EventPage.objects.exists() and not Speaker.objects.exists()


def test_without_publish_new_pages_are_drafts():
    run(SMALL_JSON)

    assert not TalkPage.objects.filter(live=True).exists()
    assert TalkPage.objects.count() == 4


FIRST_TALK = '$.schedule.conference.days[0].rooms["Hall A"][0]'


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: t.update(duration="90 minutes"), ".duration: “90 minutes” is not a duration as H:MM"),
        (lambda t: t.update(date="2024-10-26T09:00:00"), ".date: “2024-10-26T09:00:00” has no time-zone offset"),
        (lambda t: t.update(guid="nope"), ".guid: “nope” is not a UUID"),
        (lambda t: t.update(language="Klingon"), ": language: “Klingon” is not a BCP 47 language tag"),
        (lambda t: t.update(title="x" * 300), f": “{'x' * 300}”: title: Ensure this value has at most 255 characters"),
    ],
)
def test_a_bad_value_is_named_by_its_json_path_and_nothing_is_written(tmp_path, change, expected):
    document = json.loads(SMALL_JSON.read_text())
    change(document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))

    with pytest.raises(CommandError) as caught:
        run(bad, publish=True)

    assert FIRST_TALK + expected in str(caught.value)
    assert "Nothing was written." in str(caught.value)
    assert not TalkPage.objects.exists() and not Speaker.objects.exists()


def test_a_bad_xml_value_is_named_by_its_line(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text(SMALL_XML.read_text().replace("<duration>00:30</duration>", "<duration>half an hour</duration>"))

    with pytest.raises(CommandError, match=r"bad.xml: line 46: “half an hour” is not a duration as H:MM"):
        run(bad)


def test_not_well_formed_xml_and_entities_are_refused(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<schedule>\n<conference>\n</schedule>")
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><schedule>&a;</schedule>')

    with pytest.raises(CommandError, match="broken.xml: line 3: not well-formed XML"):
        run(broken)
    with pytest.raises(CommandError, match="bomb.xml: refused"):
        run(bomb)


def test_import_into_a_named_event_and_an_unknown_one():
    event = make_event(
        "Our notes", slug="ours", start_date=datetime.date(2024, 10, 25), end_date=datetime.date(2024, 10, 28)
    )
    day = make_day(event, datetime.date(2024, 10, 27))
    kept = make_talk(day, "Notes taken on the spot")

    run(SMALL_JSON, event="ours", publish=True)

    assert [d.date for d in DayPage.objects.child_of(event).order_by("path")] == [
        datetime.date(2024, 10, 26),
        datetime.date(2024, 10, 27),
    ]  # the new day went before the existing one, so "Day 1" is the 26th
    assert TalkPage.objects.child_of(day).count() == 3
    assert TalkPage.objects.filter(pk=kept.pk).exists()
    with pytest.raises(CommandError, match="--event nope: no event has this slug"):
        run(SMALL_JSON, event="nope")


def test_a_track_colour_the_track_would_refuse_is_left_out(tmp_path):
    document = json.loads(SMALL_JSON.read_text())
    document["schedule"]["conference"]["tracks"][0]["color"] = "green"
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(document))

    run(odd, publish=True)

    assert Track.objects.get(name="Web").color == ""


def test_talks_on_a_day_outside_the_events_dates_get_the_day_pages_own_message_and_nothing_is_written():
    event = make_event(
        "Our notes", slug="ours", start_date=datetime.date(2024, 10, 26), end_date=datetime.date(2024, 10, 26)
    )

    with pytest.raises(CommandError) as caught:
        run(SMALL_JSON, event="ours", publish=True)

    assert (
        "day 2024-10-27: The date must fall within Our notes’s dates, 26 October 2024 to 26 October 2024. "
        "Correct the event's dates first." in str(caught.value)
    )
    assert "Nothing was written." in str(caught.value)
    assert not DayPage.objects.child_of(event).exists() and not TalkPage.objects.exists()


def test_a_user_who_may_not_add_speakers_or_tracks_is_refused_each_once_and_nothing_is_written():
    # More in test_import_permissions.py: other events' pages, drafts sent to review, moderators.
    editor = User.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))

    with pytest.raises(CommandError) as refused:
        run(SMALL_JSON, publish=True, user="ed")

    message = str(refused.value)
    assert message.count("you may not add speakers, and the import names a new one: “Ada Lovelace”") == 1
    assert '$.schedule.conference.days[0].rooms["Hall A"][1]: you may not add tracks' in message
    assert not EventPage.objects.filter(acronym="fixcon_2024").exists() and not Speaker.objects.exists()
    with pytest.raises(CommandError, match="--user: there is no user “ghost”"):
        run(SMALL_JSON, user="ghost")


def test_importing_our_own_export_into_an_empty_database_reproduces_the_schedule(client, tmp_path):
    run(SMALL_JSON, publish=True)
    original = schedule_of(EventPage.objects.get())
    exported = tmp_path / "ours.json"
    exported.write_bytes(client.get(f"{EventPage.objects.get().url}schedule.json").content)
    exported_xml = tmp_path / "ours.xml"
    exported_xml.write_bytes(client.get(f"{EventPage.objects.get().url}schedule.xml").content)
    days = [d.date for d in DayPage.objects.order_by("path")]

    for source in (exported, exported_xml):
        EventPage.objects.all().delete()
        Speaker.objects.all().delete()
        Track.objects.all().delete()
        run(source, publish=True)

        event = EventPage.objects.get()
        assert schedule_of(event) == original, source
        assert [d.date for d in DayPage.objects.order_by("path")] == days


def test_a_link_that_is_not_a_web_address_is_refused(tmp_path):
    document = json.loads(SMALL_JSON.read_text())
    document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["links"] = ["javascript:alert(1)"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))

    with pytest.raises(CommandError, match=r"the link “javascript:alert\(1\)” is not an http\(s\) address"):
        run(bad, publish=True)
    assert not TalkPage.objects.exists()


def test_a_talk_in_another_language_than_its_event_keeps_it_and_the_export_writes_it(tmp_path, client):
    document = json.loads(SMALL_JSON.read_text())
    document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["language"] = "pt-br"  # as pretalx writes
    source = tmp_path / "langs.json"
    source.write_text(json.dumps(document))

    run(source, publish=True)

    talks = {talk.title: talk for talk in TalkPage.objects.all()}
    assert talks["Opening keynote"].language == "pt-BR"
    assert {talk.language for title, talk in talks.items() if title != "Opening keynote"} == {""}  # the event's
    exported = client.get(EventPage.objects.get().url + "schedule.json").json()
    languages = [
        t["language"] for d in exported["schedule"]["conference"]["days"] for r in d["rooms"].values() for t in r
    ]
    assert sorted(languages) == ["en", "en", "en", "pt-BR"]
