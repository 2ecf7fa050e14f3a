"""load_demo goes through the notes importer: same content, idempotent, all or nothing."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Revision

from conference.management.commands.load_demo import DEFAULT_FILE
from conference.models import DayPage, EventPage, LightningTalk, Speaker, TalkPage

pytestmark = pytest.mark.django_db


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_the_demo_is_stored_as_markdown_and_loads_every_page_published():
    output = load_demo()

    assert DEFAULT_FILE.name == "djangocon-us-2023.md"
    assert "33 created, 0 updated, 0 unchanged (new: 5 speakers, 3 images)." in output
    event = EventPage.objects.live().get(slug="djangocon-us-2023")
    assert (
        event.logo_image.title and list(event.logo.raw_data)[0]["value"]["alt_text"] == "DjangoCon US 2023, Durham, NC"
    )
    assert [d.title for d in DayPage.objects.live().child_of(event).order_by("path")] == ["Day 1", "Day 2", "Day 3"]
    assert TalkPage.objects.live().count() == 29
    assert TalkPage.objects.filter(kind="lightning").count() == 3 and LightningTalk.objects.count() == 7
    assert sorted(Speaker.objects.values_list("name", flat=True)) == ["Andrew", "Charles", "Elizabeth", "Jay", "Julia"]
    assert get_image_model().objects.count() == 3


def test_the_demo_keeps_its_blocks_quotes_code_table_and_images_with_alt_text():
    load_demo()

    blocks = [b for talk in TalkPage.objects.all() for b in talk.body]
    assert Counter(b.block_type for b in blocks) == {
        "list": 23,
        "quote": 12,
        "paragraph": 7,
        "heading": 3,
        "code": 2,
        "image": 2,
        "table": 1,
    }
    panel = TalkPage.objects.get(kind="panel")
    assert [s.name for s in panel.speakers] == ["Julia", "Elizabeth", "Charles", "Andrew", "Jay"]
    assert sum(1 for b in panel.body if b.block_type == "quote" and b.value["speaker"]) == 9
    (table,) = [b.value for b in blocks if b.block_type == "table"]
    assert table.caption == "Web test automation tool comparison" and len(table.row_data) == 7
    assert all(b.value["image"].contextual_alt_text for b in blocks if b.block_type == "image")
    code = next(b.value for b in blocks if b.block_type == "code")
    assert code["language"] == "python" and "@pghistory.track()" in code["code"]


def test_a_second_run_changes_nothing():
    load_demo()
    revisions = Revision.objects.count()

    output = load_demo()

    assert "0 created, 0 updated, 33 unchanged." in output
    assert Revision.objects.count() == revisions and get_image_model().objects.count() == 3


def test_a_bad_demo_file_names_file_and_line_and_loads_nothing(tmp_path, settings):
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "demo.md"
    bad.write_text(text.replace("kind: panel", "kind: panel\nspeaker: Julia"), encoding="utf-8")
    line = bad.read_text(encoding="utf-8").splitlines().index("speaker: Julia") + 1

    with pytest.raises(CommandError) as caught:
        load_demo("--file", str(bad))

    assert f"{bad}:{line}: unknown metadata key 'speaker'" in str(caught.value)
    assert "Nothing was written." in str(caught.value)
    assert not EventPage.objects.exists() and not get_image_model().objects.exists()


def test_demo_pages_edited_in_the_admin_are_kept_unless_forced():
    load_demo()
    talk = TalkPage.objects.get(slug="passkeys-on-django")
    latest = talk.get_latest_revision_as_object()
    latest.summary = "An editor's own summary."
    latest.save_revision()  # a draft, as the admin's "Save draft"

    # `make run` reloads the demo when its notes change: the editor's draft is kept, not a failed start.
    assert "0 updated, 32 unchanged, 1 kept as edited in the admin" in load_demo()
    assert talk.get_latest_revision_as_object().summary == "An editor's own summary."
    assert "1 updated" in load_demo("--force")
    talk.refresh_from_db()
    assert talk.summary.startswith("For passkeys on Django") and not talk.has_unpublished_changes


def test_the_loaded_demo_is_in_the_search_index(client):
    load_demo()

    assert [t.slug for t in TalkPage.objects.live().search("pghistory")] == [
        "using-database-triggers-to-reliably-track-model-history"
    ]
    from wagtail.search.backends import get_search_backend

    assert [s.slug for s in get_search_backend().search("Elizabeth", Speaker)] == ["elizabeth"]
