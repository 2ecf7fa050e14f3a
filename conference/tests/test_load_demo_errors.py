"""A bad demo notes file stops `load_demo` with `file:line: message` and a hint, and nothing is written."""

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

DEMO_NOTES = DEFAULT_FILE.read_text(encoding="utf-8")
# The demo's last image, in the last talk but one.
CHART = next(line for line in DEMO_NOTES.splitlines() if line.endswith("](images/accessibility-chart.png)"))
IMAGE_OF_A_CHART = CHART.replace("![Bar chart", "![Image of a bar chart")


def load(path):
    call_command("load_demo", "--file", str(path), stdout=StringIO())


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def spoil(tmp_path, old, new, notes=DEMO_NOTES):
    """A copy of the demo notes with `old` (found exactly once) replaced by `new`."""
    assert notes.count(old) == 1, f"{old!r} is not in the demo notes exactly once"
    path = tmp_path / "demo.md"
    path.write_text(notes.replace(old, new), encoding="utf-8")
    return path


def line_number(path, start):
    """The number of the one line of `path` that starts with `start`."""
    numbers = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start)]
    assert len(numbers) == 1, f"not exactly one line of {path} starts with {start!r}"
    return numbers[0]


# (what to replace, its replacement, the start of the line the error must name, the message)
BAD_NOTES = [
    pytest.param(
        "tags: community\n",
        "tags: community\nsummry: A typo for summary\n",
        "summry: A typo for summary",
        "unknown metadata key 'summry' for “Orientation and Welcome”",
        id="unknown-metadata-key",
    ),
    pytest.param(
        "date: 2023-10-17\n",
        "date: 2023-10-32\n",
        "date: 2023-10-32",
        "'2023-10-32' is not a date",
        id="bad-date",
    ),
    pytest.param(
        "date: 2023-10-18\n",
        "date: 2023-10-25\n",
        "date: 2023-10-25",  # the day page's own rule and message, at the line of the date
        "“Day 3”: date: The date must fall within DjangoCon US 2023’s dates, 16 October 2023 to 20 October 2023.",
        id="day-outside-the-event",
    ),
    pytest.param(
        "> I am going to say",
        "#### Quotes\n\n> I am going to say",
        "#### Quotes",  # the talk body's own rule and message
        "The heading “Quotes” is an h3, which skips a level after the talk title (h1). "
        "Make it an h2, or add an h2 heading before it.",
        id="heading-skips-a-level",
    ),
    pytest.param(
        CHART,
        "![](images/accessibility-chart.png)",
        "![](images/accessibility-chart.png)",
        "The image “accessibility chart” has no alt text. Describe what it shows for someone who cannot see it, "
        "or tick “Image is decorative” if it adds nothing to the notes.",  # the image block's own message
        id="image-without-alt-text",
    ),
    pytest.param(
        "  - Write down (publicly) what you learned\n",
        "  - Write down (publicly) what you learned\n\n### Lightning talk: Stickers\n",
        "## Contributing to Django or how I learned",  # the talk page's own rule, at the session's heading
        "“Contributing to Django or how I learned to stop worrying and just try to fix an ORM Bug”: kind: "
        "This session has lightning talks: set its kind to “Lightning talks”, or remove the lightning talks.",
        id="lightning-talk-in-a-plain-talk",
    ),
    pytest.param(
        "# Day 1\n",
        "## An early talk\n\n- A note\n\n# Day 1\n",
        "## An early talk",
        "the talk “An early talk” is outside any day",
        id="talk-before-any-day",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new", "line", "message"), BAD_NOTES)
def test_a_bad_file_names_the_line_and_writes_nothing(tmp_path, old, new, line, message):
    path = spoil(tmp_path, old, new)
    pages, revisions = Page.objects.count(), Revision.objects.count()

    with pytest.raises(CommandError) as caught:
        load(path)

    problem, hint, last = str(caught.value).splitlines()
    assert problem == f"{path}:{line_number(path, line)}: {message}"
    assert hint.startswith("    hint: ") and len(hint) > len("    hint: ")
    assert last == "Nothing was written."
    assert not EventPage.objects.exists()
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert not Speaker.objects.exists()
    assert not get_image_model().objects.exists()
    assert media_files() == []


@pytest.mark.django_db
def test_a_problem_found_while_saving_removes_the_image_files_already_written(tmp_path):
    # The editor's alt text rule is checked as the talk is saved: by then the logo, the page-tree
    # diagram and the chart are in MEDIA_ROOT, and the event and 27 talks are in the database.
    path = spoil(tmp_path, CHART, IMAGE_OF_A_CHART)

    with pytest.raises(CommandError) as caught:
        load(path)

    problem = str(caught.value).splitlines()[0]
    assert problem.startswith(f"{path}:{line_number(path, '![Image of a bar chart')}: ")
    assert "starts with “Image of”" in problem
    assert str(caught.value).endswith("\nNothing was written.")
    assert not EventPage.objects.exists()
    assert not Speaker.objects.exists()
    assert not get_image_model().objects.exists()
    assert media_files() == []


@pytest.mark.django_db
def test_a_missing_file_is_reported(tmp_path):
    path = tmp_path / "missing.md"

    with pytest.raises(CommandError) as caught:
        load(path)

    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith(f"{path}:") and first_line.endswith(": no such file")
    assert str(caught.value).endswith("\nNothing was written.")
    assert not EventPage.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "demo.md"
    path.write_bytes("---\nname: Café notes\n".encode("latin-1"))

    with pytest.raises(CommandError) as caught:
        load(path)

    assert str(caught.value).startswith(f"{path}:1: not UTF-8 text")
    assert "hint: save the notes as UTF-8" in str(caught.value)
    assert not EventPage.objects.exists()


@pytest.mark.django_db
def test_a_bad_file_after_a_good_load_leaves_the_loaded_pages_as_they_were(tmp_path):
    load(DEFAULT_FILE)
    pages, revisions, images = Page.objects.count(), Revision.objects.count(), get_image_model().objects.count()
    files = media_files()
    # The event's new location is saved first; the bad alt text further down stops it all.
    moved = DEMO_NOTES.replace("location: Durham, North Carolina, USA", "location: Raleigh, North Carolina, USA")
    path = spoil(tmp_path, CHART, IMAGE_OF_A_CHART, notes=moved)

    with pytest.raises(CommandError) as caught:
        load(path)

    assert "starts with “Image of”" in str(caught.value)
    assert EventPage.objects.get().location == "Durham, North Carolina, USA"
    assert (Page.objects.count(), Revision.objects.count(), get_image_model().objects.count()) == (
        pages,
        revisions,
        images,
    )
    assert media_files() == files
