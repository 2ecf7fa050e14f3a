"""Block ids (the anchors readers link to) stay the same when notes are imported again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from conference.models import TalkPage

pytestmark = pytest.mark.django_db

TALK = "every-block-in-one-talk"


def run(*args):
    call_command("import_notes", *[str(a) for a in args], stdout=StringIO())


def ids(slug=TALK) -> dict[str, str]:
    """Each top-level block's id, keyed by its type and text (as a reader would tell them apart)."""
    page = TalkPage.objects.get(slug=slug)
    body = page.get_latest_revision_as_object().body
    keys = [f"{child.block_type}:{str(child.value)[:60]}" for child in body]
    return {f"{key}#{keys[:n].count(key)}": child.id for n, (key, child) in enumerate(zip(keys, body, strict=True))}


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_importing_the_same_notes_into_a_fresh_site_gives_the_same_ids(every_block, django_db_blocker):
    run(every_block, "--publish")
    first = ids()
    TalkPage.objects.all().delete()
    from conference.models import EventPage

    EventPage.objects.all().delete()
    run(every_block, "--publish")
    assert ids() == first
    assert len(set(first.values())) == len(first)  # every block has its own id


def test_a_block_inserted_above_leaves_the_other_ids_alone(every_block):
    run(every_block, "--publish")
    before = ids()
    edit(every_block, "### A section\n", "A new paragraph before the section.\n\n### A section\n")
    run(every_block, "--publish")
    after = ids()
    assert len(after) == len(before) + 1
    for key, value in before.items():
        assert after[key] == value, key


def test_a_block_edited_in_place_keeps_its_id(every_block):
    run(every_block, "--publish")
    before = ids()
    section = next(v for k, v in before.items() if k.startswith("heading:"))
    edit(every_block, "### A section\n", "### A section, renamed\n")
    run(every_block, "--publish")
    after = ids()
    assert section in after.values()
    html = Client().get(TalkPage.objects.get(slug=TALK).url).content.decode()
    assert f'id="h-{section}"' in html
    assert "A section, renamed" in html


def test_ids_given_in_the_editor_survive_a_re_import(every_block):
    run(every_block, "--publish")
    page = TalkPage.objects.get(slug=TALK)
    raw = page.body.raw_data
    # An editor's page has Wagtail's random ids, not the import's: give every block another one.
    for n, child in enumerate(raw):
        child["id"] = f"00000000-0000-4000-8000-{n:012d}"
    page.body = page.body.stream_block.to_python(list(raw))
    page.save_revision().publish()
    edit(every_block, "No attribution at all.", "No attribution at all, edited.")
    run(every_block, "--publish", "--force")
    body = TalkPage.objects.get(slug=TALK).get_latest_revision_as_object().body
    assert [child.id for child in body] == [f"00000000-0000-4000-8000-{n:012d}" for n in range(len(raw))]


def test_lightning_talks_have_anchors_from_their_titles(every_block):
    run(every_block, "--publish")
    session = TalkPage.objects.get(slug="lightning-talks")
    assert [lt.title for lt in session.lightning_list][0] == "The first one"
    html = Client().get(session.url).content.decode()
    assert 'id="lt-the-first-one"' in html
    assert 'href="#lt-the-first-one"' in html
    assert "Link to section: The first one" in html
    # Moving a lightning talk does not change its anchor (a position-based one would).
    edit(every_block, "### Lightning talk: One with no notes\n", "")
    edit(
        every_block,
        "### Lightning talk: The first one\n",
        "### Lightning talk: One with no notes\n\n### Lightning talk: The first one\n",
    )
    run(every_block, "--publish")
    html = Client().get(session.url).content.decode()
    assert html.index('id="lt-one-with-no-notes"') < html.index('id="lt-the-first-one"')
