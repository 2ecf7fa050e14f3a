"""Moderation: an editor submits, a moderator approves (the talk goes live) or requests changes with a comment."""

# The editorial site's fixtures are imported from .site, and tests name them as arguments.
# ruff: noqa: F811

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState

from conference.editors import REVIEW_TASK, REVIEW_WORKFLOW
from conference.factories import TALK_BODY, body_state
from conference.models import TalkPage

from .admin_forms import body_fields, page_form_data, stream_errors
from .site import _module_editorial_site, editor_a, editorial_site, event_a, event_b, moderator  # noqa: F401 - fixtures

NEW_SECTION = {"type": "heading", "value": {"level": "h2", "text": "What we learned"}}


def submit_edit(client, talk, **changes):
    """Open the talk in the editor, change it and press "Submit to Conference notes review"."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[talk.pk])
    form = client.get(edit_url).content.decode()
    return client.post(edit_url, page_form_data(form, **changes, **{"action-submit": "submit"}))


def workflow_action(client, talk, action, **data):
    task_state = talk.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[talk.pk, action, task_state.pk])
    return client.post(url, data)


@pytest.fixture
def submitted_talk(client, editor_a, moderator, event_a):
    """Event A's talk with an editor's change waiting for a moderator."""
    client.force_login(editor_a)
    response = submit_edit(
        client, event_a.talk, title="Opening of PyCon A (revised)", **body_fields(body_state(TALK_BODY + [NEW_SECTION]))
    )
    assert response.status_code == 302
    client.logout()
    return TalkPage.objects.get(pk=event_a.talk.pk)


@pytest.mark.django_db
def test_submitting_starts_the_review_without_changing_the_live_talk(client, submitted_talk, editor_a, moderator):
    talk = submitted_talk

    state = WorkflowState.objects.for_instance(talk).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == REVIEW_WORKFLOW
    assert state.requested_by == editor_a
    task_state = state.current_task_state
    assert task_state.task.name == REVIEW_TASK
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.revision == talk.latest_revision  # the moderator reviews exactly what was submitted
    assert task_state.revision.as_object().title == "Opening of PyCon A (revised)"

    # Readers still see the published talk.
    assert talk.title == "Opening of PyCon A"
    assert "What we learned" not in client.get(talk.url).content.decode()

    # The moderator is told by email and finds it on their dashboard.
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Opening of PyCon A (revised)" in mail.outbox[0].subject
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard
    assert "Opening of PyCon A (revised)" in dashboard


@pytest.mark.django_db
def test_a_moderator_approves_and_the_talk_goes_live(client, submitted_talk, moderator):
    talk = submitted_talk
    submitted_revision = talk.latest_revision
    client.force_login(moderator)

    response = workflow_action(client, talk, "approve", comment="Thanks, clear notes.")

    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.live
    assert talk.title == "Opening of PyCon A (revised)"
    assert talk.live_revision == submitted_revision
    assert not talk.has_unpublished_changes
    task_state = TaskState.objects.get(revision=submitted_revision)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == moderator
    assert task_state.comment == "Thanks, clear notes."
    assert task_state.workflow_state.status == WorkflowState.STATUS_APPROVED
    public = client.get(talk.url).content.decode()
    assert "What we learned" in public


@pytest.mark.django_db
def test_a_moderator_requests_changes_with_a_comment_and_the_editor_resubmits(
    client, submitted_talk, editor_a, moderator
):
    talk = submitted_talk
    client.force_login(moderator)

    workflow_action(client, talk, "reject", comment="Please add the speaker's name to the quote.")

    talk.refresh_from_db()
    assert talk.title == "Opening of PyCon A"  # nothing went live
    rejected = TaskState.objects.get(revision=talk.latest_revision)
    assert rejected.status == TaskState.STATUS_REJECTED
    assert rejected.finished_by == moderator
    assert rejected.comment == "Please add the speaker's name to the quote."
    state = rejected.workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The editor sees the request and the comment in the editor, and resubmits.
    client.force_login(editor_a)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[talk.pk])).content.decode()
    assert "Changes requested" in editor
    assert "Please add the speaker&#x27;s name to the quote." in editor
    assert "Resubmit to Moderator approval" in editor
    submit_edit(client, talk, title="Opening of PyCon A (revised twice)")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    current = state.current_task_state
    assert current.status == TaskState.STATUS_IN_PROGRESS
    assert current.pk != rejected.pk
    assert current.revision.as_object().title == "Opening of PyCon A (revised twice)"


@pytest.mark.django_db
def test_an_editor_cannot_approve_their_own_submission(client, submitted_talk, editor_a):
    talk = submitted_talk
    client.force_login(editor_a)

    workflow_action(client, talk, "approve")

    talk.refresh_from_db()
    assert talk.title == "Opening of PyCon A"
    assert talk.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_submitting_shows_every_problem_in_the_body_at_once(client, editor_a, event_a, image):
    """A missing alt text and a skipped heading level are both reported after one submission."""
    client.force_login(editor_a)
    add_url = reverse("wagtailadmin_pages:add", args=["conference", "talkpage", event_a.day.pk])
    form = client.get(add_url).content.decode()
    figure = {"image": {"image": image.pk, "decorative": False, "alt_text": ""}, "caption": "", "credit": ""}
    body = [
        {"type": "heading", "value": {"level": "h2", "text": "Setup"}},
        {"type": "image", "value": figure},
        {"type": "heading", "value": {"level": "h4", "text": "Details"}},
    ]
    fields = {"title": "Testing in anger", "slug": "testing-in-anger", "action-submit": "submit"}

    response = client.post(add_url, page_form_data(form, **fields, **body_fields(body_state(body))))

    assert response.status_code == 200
    assert "The page could not be created due to validation errors" in response.content.decode()
    errors = stream_errors(response.content.decode())["body"]
    assert any("has no alt text. Describe what it shows" in error for error in errors)
    assert (
        "The heading “Details” is an h4, which skips a level after the heading before it (h2). "
        "Make it an h3, or add an h3 heading before it." in errors
    )
    assert not Page.objects.filter(slug="testing-in-anger").exists()

    # Fixed, the same submission goes through to the moderators.
    figure["image"]["alt_text"] = "A slide listing three kinds of test double"
    body[2]["value"]["level"] = "h3"
    response = client.post(add_url, page_form_data(form, **fields, **body_fields(body_state(body))))

    assert response.status_code == 302
    talk = TalkPage.objects.get(slug="testing-in-anger")
    assert not talk.live
    assert talk.current_workflow_task_state.task.name == REVIEW_TASK
    assert talk.get_latest_revision_as_object().body[1].value["image"].contextual_alt_text == (
        "A slide listing three kinds of test double"
    )
