"""A schedule import acts as its user with the notes import's rules (conference/notes/permissions.py)."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from conference.editors import MODERATORS, set_up_event_editing
from conference.factories import build_event
from conference.models import DayPage, EventPage, Speaker, TalkPage, Track
from conference.testing import per_module

pytestmark = pytest.mark.django_db

SMALL_JSON = Path(__file__).parent / "fixtures" / "small.json"
TALKS_IN_SMALL_JSON = 4


def build_site():
    """Two events of the fixture's dates under review, an editor of the first (who may import) and a moderator."""
    django_user_model = get_user_model()
    a = build_event("FixCon", "fixcon", datetime.date(2024, 10, 26))
    b = build_event("OtherCon", "othercon", datetime.date(2024, 10, 26))
    EventPage.objects.filter(pk__in=[a.event.pk, b.event.pk]).update(end_date=datetime.date(2024, 10, 27))
    set_up_event_editing(b.event)
    editors_a, _ = set_up_event_editing(a.event)
    importers = Group.objects.create(name="Importers")
    # Tracks are a snippet: event editors may not add them unless given this (README, the schedule).
    importers.permissions.add(*Permission.objects.filter(codename__in=["import_notes", "add_track"]))
    ada = django_user_model.objects.create_user("ada", password="pw")
    ada.groups.set([editors_a, importers])
    mo = django_user_model.objects.create_user("mo", password="pw")
    mo.groups.set([Group.objects.get(name=MODERATORS), importers])
    return a, b, ada, mo


_module_site, site = per_module(build_site)


def run(*args) -> str:
    out = StringIO()
    call_command("import_schedule", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def talks_of(event):
    return TalkPage.objects.descendant_of(event)


def in_review(page) -> bool:
    return WorkflowState.objects.filter(
        base_content_type__isnull=False, object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


def test_the_command_needs_user_on_a_site_with_several_editor_groups(site):
    with pytest.raises(CommandError, match="--user is required on this site"):
        run(SMALL_JSON, "--event", "fixcon", "--dry-run")
    with pytest.raises(CommandError, match="--user: there is no user “nobody”"):
        run(SMALL_JSON, "--event", "fixcon", "--dry-run", "--user", "nobody")


def test_an_editor_cannot_add_to_another_event_and_nothing_is_written(site):
    a, b, ada, mo = site
    pages, speakers, logs = Page.objects.count(), Speaker.objects.count(), PageLogEntry.objects.count()

    with pytest.raises(CommandError) as refused:
        run(SMALL_JSON, "--event", "othercon", "--user", "ada", "--publish")

    message = str(refused.value)
    assert "you may not add the day “Sunday 27 October” under “OtherCon”" in message
    assert "you may not add the talk “Opening keynote” under “Day 1”" in message
    assert message.endswith("Nothing was written.")
    assert (Page.objects.count(), Speaker.objects.count(), PageLogEntry.objects.count()) == (pages, speakers, logs)
    assert not Track.objects.exists()


def test_an_editor_cannot_change_another_events_talks_and_nothing_is_written(site, tmp_path):
    a, b, ada, mo = site
    run(SMALL_JSON, "--event", "othercon", "--user", "mo", "--publish")
    moved = json.loads(SMALL_JSON.read_text())
    talk = moved["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]
    talk["date"] = talk["date"].replace("T09:", "T08:")  # an hour earlier
    changed = tmp_path / "moved.json"
    changed.write_text(json.dumps(moved), encoding="utf-8")
    revisions = Revision.objects.count()
    opening = talks_of(b.event).get(title=talk["title"])
    start = opening.start_time

    with pytest.raises(CommandError) as refused:
        run(changed, "--event", "othercon", "--user", "ada")

    message = str(refused.value)
    assert f"you may not edit the talk “{talk['title']}” (/othercon/day-1/{opening.slug}/)" in message
    assert "Nothing was written." in message
    assert Revision.objects.count() == revisions
    assert opening.get_latest_revision_as_object().start_time == start


def test_without_publish_permission_publish_saves_drafts_and_submits_them_for_review(site):
    a, b, ada, mo = site

    output = run(SMALL_JSON, "--event", "fixcon", "--user", "ada", "--publish")

    added = talks_of(a.event).exclude(pk=a.talk.pk)
    new_day = DayPage.objects.get(date=datetime.date(2024, 10, 27), path__startswith=a.event.path)
    assert added.count() == TALKS_IN_SMALL_JSON
    for page in [*added, new_day]:
        assert not page.live and in_review(page), page.title
        assert page.owner == ada and page.get_latest_revision().user == ada
    assert WorkflowState.objects.get(object_id=str(new_day.pk)).requested_by == ada
    submitted = TALKS_IN_SMALL_JSON + 1  # the new day too
    assert f"{submitted} saved as drafts (you may not publish them), {submitted} submitted for review" in output
    assert "saved as a draft and submitted for review (you may not publish it): “Opening keynote”" in output


def test_a_moderator_publishes_what_they_import(site):
    a, b, ada, mo = site

    output = run(SMALL_JSON, "--event", "fixcon", "--user", "mo", "--publish")

    added = talks_of(a.event).exclude(pk=a.talk.pk)
    assert added.count() == TALKS_IN_SMALL_JSON
    assert all(page.live and page.get_latest_revision().user == mo for page in added)
    assert not WorkflowState.objects.exists()
    assert "saved as drafts" not in output


def test_in_the_admin_an_editor_who_may_not_publish_is_told_and_their_pages_go_to_review(site, client):
    a, b, ada, mo = site
    client.force_login(ada)
    upload = SimpleUploadedFile("small.json", SMALL_JSON.read_bytes(), content_type="application/json")

    preview = client.post(
        "/admin/schedule/import/", {"action": "preview", "file": upload, "event": "fixcon", "publish": "on"}
    )
    html = preview.content.decode()
    assert "the 5 pages you may not publish are saved as drafts and submitted for review" in html
    assert not talks_of(a.event).exclude(pk=a.talk.pk).exists()

    done = client.post(
        "/admin/schedule/import/", {"action": "confirm", "token": preview.context["pending"]["token"]}, follow=True
    )

    message = done.content.decode()
    assert "Imported small.json (published where you may): 9 created" in message  # day, 4 talks, 2 speakers, 2 tracks
    assert "0 unchanged, 5 saved as drafts (you may not publish them), 5 submitted for review" in message
    assert all(in_review(page) and not page.live for page in talks_of(a.event).exclude(pk=a.talk.pk))
