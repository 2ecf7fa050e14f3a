"""An import acts as the user who runs it, with exactly that user's page permissions (issue 11, problem 1)."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from wagtail.models import WorkflowState

from conference.editors import MODERATORS, set_up_event_editing
from conference.factories import build_event
from conference.models import EventPage, TalkPage
from conference.notes.exporter import export_event
from conference.testing import per_module

pytestmark = pytest.mark.django_db


def build_site():
    """Two events under review, an editor of the first (who may import notes) and a moderator."""
    django_user_model = get_user_model()
    a = build_event("PyCon A", "pycon-a", datetime.date(2024, 5, 1))
    b = build_event("DjangoCon B", "djangocon-b", datetime.date(2024, 10, 1))
    set_up_event_editing(b.event)
    editors_a, _ = set_up_event_editing(a.event)
    importers = Group.objects.create(name="Importers")
    importers.permissions.add(Permission.objects.get(codename="import_notes"))
    ada = django_user_model.objects.create_user("ada", password="pw")
    ada.groups.set([editors_a, importers])
    mo = django_user_model.objects.create_user("mo", password="pw")
    mo.groups.set([Group.objects.get(name=MODERATORS), importers])
    return a, b, ada, mo


_module_site, site = per_module(build_site)


def notes_of(event, tmp_path, old=None, new=None):
    """The event exported as notes, with one edit, in tmp_path/notes.md."""
    text, _ = export_event(event, tmp_path)
    if old is not None:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    return path


def new_talk(text):
    """The notes with a new talk at the start of the first day (before its first talk)."""
    head, talk, rest = text.partition("\n## ")
    return f"{head}\n## A talk added by import\nsummary: Added.\n{talk}{rest}"


def run(*args) -> str:
    out = StringIO()
    call_command("import_notes", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_an_editor_cannot_change_another_events_talks_and_nothing_is_written(site, tmp_path):
    a, b, ada, mo = site
    revisions = b.talk.revisions.count()
    path = notes_of(b.event, tmp_path, "Write the test first.", "Rewritten by someone else.")

    with pytest.raises(CommandError) as refused:
        run(path, "--user", "ada")

    message = str(refused.value)
    assert "you may not edit the talk “Opening of DjangoCon B” (/djangocon-b/day-1/opening/)" in message
    assert "Nothing was written." in message
    assert b.talk.revisions.count() == revisions


def test_an_editor_cannot_create_a_new_event_even_as_a_draft(site, every_block):
    with pytest.raises(CommandError) as refused:
        run(every_block, "--user", "ada", "--publish")

    assert "you may not add the event “PyCon Notes Test 2024” under “Conference Notes”" in str(refused.value)
    assert not EventPage.objects.filter(slug="pycon-notes-test").exists()


def test_without_publish_permission_publish_saves_drafts_and_submits_them_for_review(site, tmp_path):
    a, b, ada, mo = site
    path = notes_of(a.event, tmp_path)
    path.write_text(new_talk(path.read_text()), encoding="utf-8")

    output = run(path, "--user", "ada", "--publish")

    added = TalkPage.objects.get(slug="a-talk-added-by-import")
    assert not added.live
    assert added.get_latest_revision().user == ada and added.owner == ada
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(added.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == ada
    assert "submitted talk “A talk added by import”" in output
    assert "1 saved as drafts (you may not publish them), 1 submitted for review" in output


def test_a_moderator_publishes_what_they_import(site, tmp_path):
    a, b, ada, mo = site
    path = notes_of(b.event, tmp_path)
    path.write_text(new_talk(path.read_text()), encoding="utf-8")

    run(path, "--user", "mo", "--publish")

    added = TalkPage.objects.get(slug="a-talk-added-by-import")
    assert added.live and added.get_latest_revision().user == mo


def test_the_command_needs_user_on_a_site_with_several_editor_groups(site, every_block):
    with pytest.raises(CommandError, match="--user is required on this site"):
        run(every_block, "--dry-run")
    with pytest.raises(CommandError, match="there is no user “nobody”"):
        run(every_block, "--dry-run", "--user", "nobody")


def preview_new_talk(client, user, event, tmp_path):
    """`user` uploads the event's notes with one new talk in the admin, to publish: the preview."""
    path = notes_of(event, tmp_path)
    path.write_text(new_talk(path.read_text()), encoding="utf-8")
    client.force_login(user)
    notes = SimpleUploadedFile("notes.md", path.read_bytes(), content_type="text/markdown")
    return client.post("/admin/notes/import/", {"action": "preview", "publish": "on", "notes": notes})


def test_the_admin_preview_names_the_pages_the_editor_may_not_change(site, tmp_path, client):
    a, b, ada, mo = site

    html = preview_new_talk(client, ada, b.event, tmp_path).content.decode()

    assert "you may not add the talk “A talk added by import” under “Day 1”" in html
    assert 'value="confirm"' not in html
    assert not TalkPage.objects.filter(slug="a-talk-added-by-import").exists()


def test_in_the_admin_an_editor_who_may_not_publish_is_told_and_their_pages_go_to_review(site, tmp_path, client):
    a, b, ada, mo = site

    preview = preview_new_talk(client, ada, a.event, tmp_path)
    html = preview.content.decode()
    assert "you may not publish A talk added by import: it is saved as draft and submitted for review" in html

    done = client.post("/admin/notes/import/", {"action": "confirm", "token": preview.context["pending"].token})

    assert done.status_code == 302 and done.url == f"/admin/pages/{a.event.pk}/"
    message = client.get(done.url).content.decode()
    assert "1 saved as drafts (you may not publish them), 1 submitted for review" in message
    added = TalkPage.objects.get(slug="a-talk-added-by-import")
    assert not added.live and added.workflow_in_progress
