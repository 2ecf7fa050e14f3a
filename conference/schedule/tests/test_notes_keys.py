"""The notes format's schedule keys: `timezone:`, `track:`, `end:`/`duration:` and `links:`, in and out."""

import datetime

import pytest

from conference.models import EventPage, TalkPage
from conference.notes.exporter import export_event
from conference.notes.importer import NotesImporter
from conference.notes.parser import parse_notes
from conference.notes.spec import NotesError

pytestmark = pytest.mark.django_db

NOTES = """---
name: Keys Con
dates: 2024-10-26 to 2024-10-27
location: Berlin
timezone: Europe/Berlin
---

# Day 1
date: 2024-10-26

## Forms
time: 10:00
duration: 45
room: Hall A
track: Web
links: Slides https://example.org/forms.pdf; Recording https://media.example.org/forms; Transcript https://example.org/t

Notes.

## Signals
time: 11:00
end: 12:30
track: Web

## Late
time: 23:30
duration: 1:30
"""


def import_notes(text, publish=True):
    return NotesImporter(parse_notes(text, "keys.md"), "keys.md", publish=publish).run()


def test_the_keys_set_time_zone_end_track_and_links():
    import_notes(NOTES)

    event = EventPage.objects.get()
    assert event.time_zone == "Europe/Berlin"
    forms, signals, late = TalkPage.objects.order_by("path")
    assert (forms.start_time, forms.end_time, forms.track.name, forms.room) == (
        datetime.time(10, 0),
        datetime.time(10, 45),
        "Web",
        "Hall A",
    )
    assert [(link.kind, link.label, link.url) for link in forms.links.all()] == [
        ("slides", "Slides", "https://example.org/forms.pdf"),
        ("recording", "Recording", "https://media.example.org/forms"),
        ("other", "Transcript", "https://example.org/t"),
    ]
    assert (signals.end_time, signals.track_id) == (datetime.time(12, 30), forms.track_id)
    assert late.end_time == datetime.time(1, 0)  # past midnight


def test_export_writes_the_keys_and_a_reimport_changes_nothing():
    import_notes(NOTES)

    text, _ = export_event(EventPage.objects.get())

    assert "timezone: Europe/Berlin" in text
    assert "time: 10:00–10:45" in text
    assert "track: Web" in text
    assert (
        "links: Slides https://example.org/forms.pdf; Recording https://media.example.org/forms; "
        "Transcript https://example.org/t" in text
    )
    assert not import_notes(text).changed


@pytest.mark.parametrize(
    "bad, message",
    [
        ("timezone: Europe/Berlin", "timezone: Mars/Base"),
        ("duration: 45", "duration: a while"),
        ("links: Slides https://example.org/forms.pdf;", "links: Slides forms.pdf;"),
    ],
)
def test_a_bad_key_is_named_at_its_line(bad, message):
    with pytest.raises(NotesError) as caught:
        parse_notes(NOTES.replace(bad, message), "keys.md")

    lines = NOTES.replace(bad, message).splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith(message))
    # Only the bad key is an error (the talks without notes are warnings, listed with it).
    assert [p.line for p in caught.value.problems if not p.warning] == [line]


def test_an_end_before_the_start_is_the_talk_pages_own_error_at_the_end_line():
    text = NOTES.replace("end: 12:30", "end: 10:30")
    line = text.splitlines().index("end: 10:30") + 1

    spec = parse_notes(text, "keys.md")  # the format is right: the times are read as written
    with pytest.raises(NotesError) as caught:
        NotesImporter(spec, "keys.md", publish=True).run()

    assert caught.value.lines()[0] == f"keys.md:{line}: “Signals”: end_time: The end time must be after the start time."
    assert not EventPage.objects.exists() and not TalkPage.objects.exists()
