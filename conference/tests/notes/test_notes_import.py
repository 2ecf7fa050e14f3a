"""import_notes: creates or updates pages with revisions, stops on admin edits, writes all or nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from conference.models import DayPage, EventPage, LightningTalk, Speaker, TalkPage
from conference.notes.models import ImportedPage

pytestmark = pytest.mark.django_db

EVERY_BLOCK_TALK = "every-block-in-one-talk"


def run(*args) -> str:
    out = StringIO()
    call_command("import_notes", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def talk(slug=EVERY_BLOCK_TALK) -> TalkPage:
    return TalkPage.objects.get(slug=slug)


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_import_creates_the_event_days_and_talks_as_drafts(every_block):
    output = run(every_block)

    assert "created event “PyCon Notes Test 2024”" in output
    assert "created talk “Every block in one talk”" in output
    assert "6 created, 0 updated, 0 unchanged (new: 2 speakers, 3 images)" in output
    event = EventPage.objects.get(slug="pycon-notes-test")
    assert not event.live and event.get_latest_revision() is not None
    # Drafts: the content is in the revision, not yet on the site.
    assert TalkPage.objects.live().count() == 0


def test_publish_puts_every_page_live_with_its_blocks_speakers_and_lightning_talks(every_block, client):
    output = run(every_block, "--publish")

    assert "6 created, 0 updated, 0 unchanged" in output
    assert EventPage.objects.live().count() == 1 and DayPage.objects.live().count() == 2
    page = talk()
    assert page.live and not page.has_unpublished_changes and page.first_published_at
    assert page.live_revision == page.latest_revision and page.revisions.count() == 1
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.publish"} <= actions
    assert [s.name for s in page.speakers] == ["Ada Lovelace", "Grace Hopper"]
    assert sorted(page.tags.names()) == ["markdown", "testing"]
    assert [b.block_type for b in page.body].count("quote") == 4
    image = next(b.value for b in page.body if b.block_type == "image")
    assert image["image"].contextual_alt_text == "A bar chart of two values, 40 and 60"
    assert LightningTalk.objects.filter(page__slug="lightning-talks").count() == 3
    assert LightningTalk.objects.get(title="The first one").speaker.name == "Grace Hopper"
    html = client.get(page.url).content.decode()
    assert '— <a href="/speakers/ada-lovelace/">Ada Lovelace</a>' in html
    assert 'alt="A bar chart of two values, 40 and 60"' in html


def test_a_second_import_changes_nothing_and_adds_no_revision(every_block):
    run(every_block, "--publish")
    revisions = Revision.objects.count()

    output = run(every_block, "--publish")

    assert "0 created, 0 updated, 6 unchanged" in output
    assert Revision.objects.count() == revisions
    assert get_image_model().objects.count() == 3 and Speaker.objects.count() == 2


def test_changed_notes_update_only_that_page_with_a_new_revision(every_block):
    run(every_block, "--publish")
    page = talk()
    revisions = page.revisions.count()
    edit(every_block, "room: Ballroom A", "room: Ballroom B")

    output = run(every_block, "--publish")

    assert "updated talk “Every block in one talk”" in output
    assert "0 created, 1 updated, 5 unchanged" in output
    page.refresh_from_db()
    assert page.room == "Ballroom B" and page.revisions.count() == revisions + 1


def test_without_publish_an_update_is_a_draft_on_top_of_the_live_page(every_block):
    run(every_block, "--publish")
    edit(every_block, "room: Ballroom A", "room: Ballroom B")

    run(every_block)

    page = talk()
    assert page.room == "Ballroom A" and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().room == "Ballroom B"


def test_dry_run_reports_what_would_change_and_writes_nothing(every_block, settings):
    output = run(every_block, "--dry-run", "--publish")

    assert "would be created talk “Every block in one talk”" in output
    assert "Nothing was written." in output
    assert not EventPage.objects.exists() and not Speaker.objects.exists()
    assert not get_image_model().objects.exists() and media_files(settings) == []


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("speakers: Ada Lovelace, Grace Hopper", "speaker: Ada", ":21: ", "unknown metadata key 'speaker'"),
        ("#### A subsection", "##### A subsection", ":53: ", "skips a level"),
        ("![A bar chart of two values, 40 and 60]", "![]", ":70: ", "The image “chart” has no alt text."),
        ("images/chart.png", "images/nope.png", ":70: ", "image file not found: images/nope.png"),
        ("date: 2024-05-16", "date: 2024-05-32", ":89: ", "'2024-05-32' is not a date"),
        ("# Tutorial day\ndate: 2024-05-15\nslug: tutorials", "", ":18: ", "outside any day"),
    ],
)
def test_bad_input_names_file_and_line_with_a_hint_and_writes_nothing(every_block, settings, old, new, where, message):
    edit(every_block, old, new)

    with pytest.raises(CommandError) as caught:
        run(every_block, "--publish")

    text = str(caught.value)
    assert f"{every_block}{where}" in text and message in text and "hint:" in text
    assert text.endswith("Nothing was written.")
    assert not EventPage.objects.exists() and not Speaker.objects.exists()
    assert media_files(settings) == []


def test_a_problem_only_wagtail_finds_is_reported_at_the_line_setting_it_and_nothing_is_written(every_block, settings):
    edit(every_block, "room: Ballroom A", "room: " + "Very long room name. " * 10)

    with pytest.raises(CommandError) as caught:
        run(every_block, "--publish")

    assert f"{every_block}:24: “Every block in one talk”: room: Ensure this value has at most 100" in str(caught.value)
    assert not Page.objects.type(EventPage).exists() and media_files(settings) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "what"),
    [
        ("speakers: Ada Lovelace, Grace Hopper", "speakers: Ada Lovelace, " + "Grace " * 60, 20, "speaker name"),
        ("### Lightning talk: The first one", "### Lightning talk: " + "Long " * 60, 97, "lightning talk title"),
    ],
)
def test_a_value_too_long_for_the_database_is_reported_at_its_line(every_block, settings, old, new, line, what):
    # PostgreSQL refuses an over-long value at insert time; SQLite would store it: both must report it.
    edit(every_block, old, new)

    with pytest.raises(CommandError) as caught:
        run(every_block, "--publish")

    assert f"{every_block}:{line}: the {what} “" in str(caught.value)
    assert "over the limit of 255" in str(caught.value)
    assert not Page.objects.type(EventPage).exists() and media_files(settings) == []


def test_an_update_that_fails_leaves_earlier_pages_as_they_were(every_block):
    run(every_block, "--publish")
    edit(every_block, "room: Ballroom A", "room: Ballroom B")
    edit(every_block, "## A talk with only a title", "## A talk with only a title\ntime: 10:00–09:00")

    # The talk page's own rule and message, at the `time:` line (the talk's heading is line 114).
    with pytest.raises(
        CommandError, match=r"every-block.md:115: “A talk with only a title”: end_time: The end time must"
    ):
        run(every_block, "--publish")

    assert talk().room == "Ballroom A"


def _edit_in_admin(page, **fields):
    latest = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(latest, name, value)
    latest.save_revision().publish()


def test_a_page_edited_in_the_admin_since_the_import_stops_the_next_import(every_block):
    run(every_block, "--publish")
    _edit_in_admin(talk(), summary="Edited by an editor.")
    edit(every_block, "room: Ballroom A", "room: Ballroom B")

    with pytest.raises(CommandError) as caught:
        run(every_block, "--publish")

    text = str(caught.value)
    assert (
        f"{every_block}:20: the talk “Every block in one talk” was edited in the admin since it was last imported"
        in text
    )
    assert "--force" in text
    assert talk().summary == "Edited by an editor." and talk().room == "Ballroom A"


def test_force_overwrites_the_admin_edit_which_stays_in_the_revision_history(every_block):
    run(every_block, "--publish")
    _edit_in_admin(talk(), summary="Edited by an editor.")

    output = run(every_block, "--publish", "--force")

    assert "updated talk “Every block in one talk”" in output
    page = talk()
    assert page.summary.startswith("A talk that holds")
    assert any("Edited by an editor." in str(r.content.get("summary")) for r in page.revisions.all())
    # The forced import is the new reference: the next import is quiet.
    assert "6 unchanged" in run(every_block, "--publish")


def test_an_admin_edit_that_the_notes_already_contain_is_no_conflict(every_block):
    run(every_block, "--publish")
    _edit_in_admin(talk(), room="Ballroom B")
    edit(every_block, "room: Ballroom A", "room: Ballroom B")

    assert "6 unchanged" in run(every_block, "--publish")


def test_a_page_made_in_the_admin_with_the_same_slug_is_not_overwritten_unless_forced(every_block):
    from home.models import HomePage

    home = HomePage.objects.get()
    event = EventPage(
        title="Made by hand", slug="pycon-notes-test", start_date="2024-05-15", end_date="2024-05-17", location="X"
    )
    home.add_child(instance=event)
    event.save_revision().publish()

    with pytest.raises(CommandError, match="already exists, was not imported from notes"):
        run(every_block, "--publish")
    assert "Made by hand" == EventPage.objects.get().title

    run(every_block, "--publish", "--force")
    assert EventPage.objects.get().title == "PyCon Notes Test 2024"
    assert ImportedPage.objects.filter(page=event).exists()


def test_speakers_are_found_by_name_then_by_slug_and_images_by_their_content(every_block):
    Speaker.objects.create(name="Ada Lovelace", slug="countess")
    Speaker.objects.create(name="Rear Admiral Grace Hopper", slug="grace-hopper")

    run(every_block, "--publish")

    assert Speaker.objects.count() == 2
    assert [s.slug for s in talk().speakers] == ["countess", "grace-hopper"]
    # The same file under another name is the same Wagtail image.
    (every_block.parent / "images" / "chart.png").rename(every_block.parent / "images" / "renamed.png")
    edit(every_block, "images/chart.png", "images/renamed.png")
    assert "6 unchanged" in run(every_block, "--publish")
    assert get_image_model().objects.count() == 3


def test_a_notes_file_that_is_not_there_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nope.md")


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        # Each rule has one message, the page's or block's own, at the line that sets the value.
        ("date: 2024-05-16", "date: 2024-06-16", 89, "date: The date must fall within PyCon Notes Test 2024’s dates"),
        (
            "dates: 2024-05-15 to 2024-05-17",
            "dates: 2024-05-17 to 2024-05-15",
            4,
            "end_date: The end date must be on or after the start date.",
        ),
        ("#### A subsection", "##### A subsection", 53, "The heading “A subsection” is an h4, which skips a level"),
        ("![A bar chart of two values, 40 and 60]", "![chart.png]", 70, "(“chart.png”) is a file name"),
        ("logo: ![PyCon Notes Test 2024]", "logo: ![]", 7, "The image “logo” has no alt text."),
        ("Table: Tools compared\n", "", 78, "Add a caption to the table with the columns “Aspect”, “Selenium”"),
        ("| Aspect | Selenium |", "|  | Selenium |", 77, "Give every column of the table “Tools compared” a heading"),
    ],
)
def test_page_and_block_rules_are_reported_with_their_own_message_at_the_notes_line(
    every_block, old, new, line, message
):
    edit(every_block, old, new)

    with pytest.raises(CommandError) as caught:
        run(every_block, "--publish")

    assert f"{every_block}:{line}: " in str(caught.value) and message in str(caught.value)
    assert not EventPage.objects.exists()
