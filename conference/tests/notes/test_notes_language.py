"""`language:` in the notes: the event's in the front matter, a talk's under its title; exported back."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conference.models import EventPage, TalkPage
from conference.notes.spec import NotesError
from conference.tests.notes.notes_helpers import HEAD, parse

pytestmark = pytest.mark.django_db


def call(*args) -> str:
    out = StringIO()
    call_command(*[str(a) for a in args], stdout=out)
    return out.getvalue()


def with_languages(path):
    text = path.read_text(encoding="utf-8")
    text = text.replace("location: Pittsburgh", "language: de\nlocation: Pittsburgh", 1)
    text = text.replace("room: Ballroom A\n", "room: Ballroom A\nlanguage: en-GB\n", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_notes_set_the_event_and_talk_languages_and_export_writes_them_back(every_block, tmp_path):
    call("import_notes", with_languages(every_block), "--publish")
    event = EventPage.objects.get(slug="pycon-notes-test")
    talk = TalkPage.objects.get(slug="every-block-in-one-talk")
    other = TalkPage.objects.get(slug="lightning-talks")
    assert (event.language_code, talk.language_code, other.language_code) == ("de", "en-GB", "de")

    call("export_notes", event.slug, "-o", tmp_path / "export.md")
    exported = (tmp_path / "export.md").read_text(encoding="utf-8")
    assert "\nlanguage: de\n" in exported.split("---")[1]
    assert "room: Ballroom A\nlanguage: en-GB\n" in exported
    # Imported again over its own pages, the export changes nothing.
    assert "0 updated, 6 unchanged" in call("import_notes", tmp_path / "export.md", "--publish")


def test_notes_without_language_keep_the_default_and_export_none(every_block, tmp_path):
    call("import_notes", every_block, "--publish")
    assert EventPage.objects.get(slug="pycon-notes-test").language == "en"
    call("export_notes", "pycon-notes-test", "-o", tmp_path / "export.md")
    assert "language:" not in (tmp_path / "export.md").read_text(encoding="utf-8")


def test_a_wrong_talk_language_is_an_error_at_its_line():
    with pytest.raises(NotesError) as caught:
        parse("language: english\n\nSome notes.\n")
    assert "notes.md:11: language of “A talk”: “english” is not a language tag" in str(caught.value)


def test_a_wrong_event_language_is_an_error_at_its_line():
    head = HEAD.replace("location: Somewhere\n", "location: Somewhere\nlanguage: EN-gb\n")
    with pytest.raises(NotesError) as caught:
        parse("Some notes.\n", head=head)
    assert "notes.md:5: language of the event: Write “EN-gb” as “en-GB”." in str(caught.value)


def test_a_wrong_language_stops_the_whole_import(every_block):
    text = every_block.read_text(encoding="utf-8").replace("room: Ballroom A\n", "room: Ballroom A\nlanguage: xx\n")
    every_block.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="every-block.md:25: language of “Every block in one talk”"):
        call("import_notes", every_block)
    assert not EventPage.objects.exists()
