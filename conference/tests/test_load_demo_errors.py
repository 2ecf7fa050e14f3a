"""A bad demo data file stops `load_demo` with a message naming the place, and nothing is written."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from conference.management.commands.load_demo import DEFAULT_FILE
from conference.models import EventPage, Speaker


def demo_data():
    return json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))


def load(path):
    call_command("load_demo", "--file", str(path), stdout=StringIO())


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def write(tmp_path, data, name="demo.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def unknown_talk_key(data):
    data["days"][0]["talks"][0]["summry"] = "A typo for summary"


def bad_day_date(data):
    data["days"][1]["date"] = "2023-10-32"


def day_outside_the_event(data):
    data["days"][2]["date"] = "2023-10-25"


def unknown_block_type(data):
    data["days"][0]["talks"][0]["body"][0] = {"type": "video", "value": {"url": "https://example.com/v"}}


def unknown_speaker(data):
    data["days"][2]["talks"][8]["speakers"].append("nobody")


def heading_skipping_a_level(data):
    # The last talk of the last day: images, speakers, the event and 28 talks are written before it fails.
    data["days"][2]["talks"][8]["body"].insert(0, {"type": "heading", "value": {"level": "h3", "text": "Quotes"}})


def lightning_talks_on_a_plain_talk(data):
    data["days"][0]["talks"][1]["lightning_talks"] = [{"title": "Stickers"}]


BAD_FILES = [
    pytest.param(unknown_talk_key, "days[0].talks[0]: unknown key(s) summry", id="unknown-key"),
    pytest.param(bad_day_date, "days[1].date: '2023-10-32' is not a date in the form YYYY-MM-DD", id="bad-date"),
    pytest.param(day_outside_the_event, "days[2].date: 2023-10-25 is outside the event's dates", id="outside-event"),
    pytest.param(unknown_block_type, "days[0].talks[0].body[0].type: unknown block type 'video'", id="unknown-block"),
    pytest.param(unknown_speaker, "days[2].talks[8].speakers: no speaker with slug 'nobody'", id="unknown-speaker"),
    pytest.param(
        heading_skipping_a_level,
        "days[2].talks[8].body: the blocks do not pass the editor's validation: [0].level: "
        "The heading “Quotes” is an h3, which skips a level after the talk title (h1).",
        id="heading-skips-a-level",
    ),
    pytest.param(
        lightning_talks_on_a_plain_talk,
        "days[0].talks[1].lightning_talks: only a talk of kind 'lightning' holds lightning talks",
        id="lightning-on-plain-talk",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("spoil", "message"), BAD_FILES)
def test_a_bad_file_names_the_place_and_writes_nothing(tmp_path, spoil, message):
    data = demo_data()
    spoil(data)
    path = write(tmp_path, data)
    pages, revisions = Page.objects.count(), Revision.objects.count()

    with pytest.raises(CommandError) as caught:
        load(path)

    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}: ")
    assert str(caught.value).endswith("Nothing was loaded.")
    assert not EventPage.objects.exists()
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert not Speaker.objects.exists()
    assert not get_image_model().objects.exists()
    assert media_files() == []


@pytest.mark.django_db
def test_a_file_that_is_not_json_is_reported_with_line_and_column(tmp_path):
    path = tmp_path / "demo.json"
    path.write_text('{\n  "event": oops\n}\n', encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        load(path)

    assert str(caught.value) == f"{path}:2:12: not valid JSON: Expecting value"
    assert not EventPage.objects.exists()


@pytest.mark.django_db
def test_a_missing_file_is_reported(tmp_path):
    path = tmp_path / "missing.json"

    with pytest.raises(CommandError) as caught:
        load(path)

    assert str(caught.value) == f"{path}: no such file"


@pytest.mark.django_db
def test_a_bad_file_after_a_good_load_leaves_the_loaded_notes_as_they_were(tmp_path):
    load(DEFAULT_FILE)
    pages, revisions, images = Page.objects.count(), Revision.objects.count(), get_image_model().objects.count()
    files = media_files()
    data = demo_data()
    data["event"]["title"] = "DjangoCon US 2023 (renamed)"
    heading_skipping_a_level(data)

    with pytest.raises(CommandError):
        load(write(tmp_path, data))

    assert EventPage.objects.get().title == "DjangoCon US 2023"
    assert (Page.objects.count(), Revision.objects.count(), get_image_model().objects.count()) == (
        pages,
        revisions,
        images,
    )
    assert media_files() == files
