"""Importing an export reproduces the same pages and blocks: on the demo and on every block type."""

import re
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from conference.demo.images import write_demo_images
from conference.management.commands.load_demo import DEFAULT_FILE as DEMO_NOTES
from conference.models import DayPage, EventPage, TalkPage

pytestmark = pytest.mark.django_db


def call(*args) -> str:
    out = StringIO()
    call_command(*[str(a) for a in args], stdout=out)
    return out.getvalue()


def snapshot(event: EventPage) -> list:
    """Everything the site shows of an event's pages, blocks with their ids and images included."""
    rows = []
    for page in event.get_descendants(inclusive=True).specific().order_by("path"):
        row = [page.depth, page.slug, page.title, page.live]
        if isinstance(page, EventPage):
            row += [page.start_date, page.end_date, page.location, page.website, page.intro, list(page.logo.raw_data)]
        elif isinstance(page, DayPage):
            row += [page.date, page.intro]
        elif isinstance(page, TalkPage):
            row += [page.kind, page.start_time, page.end_time, page.room, page.summary, list(page.body.raw_data)]
            row.append([s.slug for s in page.speakers])
            row.append(sorted(page.tags.names()))
            row.append([(lt.title, lt.speaker_id, list(lt.notes.raw_data)) for lt in page.lightning_talks.all()])
        rows.append(row)
    return rows


PUBLICATION_DATES = re.compile(r'"(datePublished|dateModified)":"[^"]*"')


def rendered(event: EventPage) -> dict[str, str]:
    """The HTML a visitor gets for every page of the event, its speakers and the home page.

    (Search pages are left out: their scores depend on the whole search index's statistics, which an
    import into a database that had the event before does not restore; ties are tested in test_search.py.)
    """
    client = Client()
    urls = [page.url for page in event.get_descendants(inclusive=True).live().order_by("path")]
    talks = TalkPage.objects.descendant_of(event)
    urls += sorted({speaker.get_absolute_url() for talk in talks for speaker in talk.speakers})
    urls += ["/", "/speakers/"]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        # The notes' publication dates in the page's JSON-LD are the re-imported pages' own.
        pages[url] = PUBLICATION_DATES.sub(r'"\1":"…"', response.content.decode())
    return pages


def export_delete_and_reimport(event: EventPage, folder: Path):
    before, html_before = snapshot(event), rendered(event)
    call("export_notes", event.slug, "-o", folder / "export.md")
    event.delete()

    output = call("import_notes", folder / "export.md", "--publish")

    event = EventPage.objects.get(slug=event.slug)
    html_after = rendered(event)
    differing = [url for url in html_before if html_before[url] != html_after.get(url)]
    assert not differing, f"{len(differing)} of {len(html_before)} pages differ after the round trip: {differing}"
    assert html_after.keys() == html_before.keys()
    return before, snapshot(event), output


def test_the_every_block_fixture_survives_export_and_reimport(every_block, tmp_path):
    call("import_notes", every_block, "--publish")
    event = EventPage.objects.get(slug="pycon-notes-test")

    before, after, output = export_delete_and_reimport(event, tmp_path / "out")

    assert after == before
    assert "6 created" in output and "new:" not in output  # the speakers and images were found again
    exported = (tmp_path / "out" / "export.md").read_text(encoding="utf-8")
    assert exported == every_block.read_text(encoding="utf-8").replace(
        "tags: testing, markdown", "tags: markdown, testing"
    )
    assert sorted(p.name for p in (tmp_path / "out" / "images").iterdir()) == ["chart.png", "divider.png", "logo.png"]


def test_the_demo_survives_export_and_reimport(tmp_path):
    call("load_demo")
    event = EventPage.objects.get(slug="djangocon-us-2023")

    before, after, output = export_delete_and_reimport(event, tmp_path)

    assert after == before
    assert "33 created" in output


def test_an_export_reimported_over_its_own_pages_changes_nothing(tmp_path):
    call("load_demo")
    call("export_notes", "djangocon-us-2023", "-o", tmp_path / "demo.md")

    assert "0 created, 0 updated, 33 unchanged" in call("import_notes", tmp_path / "demo.md", "--publish")


def test_export_to_standard_output_says_where_the_images_would_go(every_block):
    call("import_notes", every_block, "--publish")
    out, err = StringIO(), StringIO()

    call_command("export_notes", "pycon-notes-test", stdout=out, stderr=err)

    assert out.getvalue().startswith("---\nname: PyCon Notes Test 2024\n")
    assert "use -o FILE" in err.getvalue()


def test_the_demo_notes_import_with_drawn_images_like_any_notes_file():
    with tempfile.TemporaryDirectory() as folder:
        write_demo_images(folder)
        output = call("import_notes", DEMO_NOTES, "--images", folder, "--dry-run")
    assert "33 created" in output and "Nothing was written." in output


@pytest.mark.parametrize("name", ["rich-lists.md", "jekyll.md", "ten-code-blocks.md"])
def test_notes_using_every_new_construct_survive_export_and_reimport(notes_dir, tmp_path, name):
    """Rich list items with blocks and sub-lists of their own style, formatted quotes and cells, dividers,
    <kbd>/<sub>/<sup>, bare URLs, any language, YAML front matter and talks at ####."""
    import shutil

    shutil.copy(Path(__file__).parent / "fixtures" / "other-tools" / name, notes_dir / name)
    call("import_notes", notes_dir / name, "--publish")
    event = EventPage.objects.get()

    before, after, output = export_delete_and_reimport(event, tmp_path / "out")

    assert after == before
    exported = (tmp_path / "out" / "export.md").read_text(encoding="utf-8")
    # What the first import changed is written out as it was imported: only an empty talk stays a warning.
    dry_run = call("import_notes", tmp_path / "out" / "export.md", "--dry-run")
    assert [line for line in dry_run.splitlines() if ": warning: " in line and "has no notes" not in line] == []
    assert exported == call_export(event.slug, tmp_path / "again")  # the export is stable


def call_export(slug, folder) -> str:
    call("export_notes", slug, "-o", folder / "export.md")
    return (folder / "export.md").read_text(encoding="utf-8")
