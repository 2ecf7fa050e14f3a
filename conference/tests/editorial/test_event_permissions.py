"""An event's editors work under their event only, and nothing they do goes live without a moderator."""

# The editorial site's fixtures are imported from .site, and tests name them as arguments.
# ruff: noqa: F811

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page, Revision

from conference.models import TalkPage

from .admin_forms import page_form_data
from .site import _module_editorial_site, editor_a, editorial_site, event_a, event_b, moderator  # noqa: F401 - fixtures

NO_PERMISSION = "Sorry, you do not have permission to access this area."


def other_event_urls(tree):
    """Every admin URL that reads or changes event B's talk (or adds under its day)."""
    talk, day = tree.talk, tree.day
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[talk.pk]),
        "add child": reverse("wagtailadmin_pages:add_subpage", args=[day.pk]),
        "add talk": reverse("wagtailadmin_pages:add", args=["conference", "talkpage", day.pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[talk.pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[talk.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[talk.pk]),
        "revisions compare": reverse("wagtailadmin_pages:revisions_compare", args=[talk.pk, "earliest", "latest"]),
        "revision view": reverse("wagtailadmin_pages:revisions_view", args=[talk.pk, talk.latest_revision_id]),
        "revert": reverse("wagtailadmin_pages:revisions_revert", args=[talk.pk, talk.latest_revision_id]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[talk.pk]),
        "preview new talk": reverse("wagtailadmin_pages:preview_on_add", args=["conference", "talkpage", day.pk]),
        "view draft": reverse("wagtailadmin_pages:view_draft", args=[talk.pk]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[talk.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[talk.pk]),
    }


def snapshot(tree):
    """What a reader or an admin could notice changing under event B."""
    pages = Page.objects.descendant_of(tree.event, inclusive=True).order_by("path")
    return {
        "pages": list(pages.values_list("pk", "title", "live", "has_unpublished_changes", "latest_revision_id")),
        "revisions": Revision.page_revisions.filter(object_id__in=[str(p.pk) for p in pages]).count(),
        "talk body": list(TalkPage.objects.get(pk=tree.talk.pk).body.raw_data),
    }


def assert_refused(response, url):
    """Wagtail answers a page it will not show with a redirect to the dashboard and a permission message."""
    assert response.status_code == 302, url
    assert response["Location"] == reverse("wagtailadmin_home"), url
    assert NO_PERMISSION in [str(m).strip() for m in get_messages(response.wsgi_request)], url


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_editor_of_one_event_cannot_open_or_change_another_events_pages(client, editor_a, event_b, method):
    client.force_login(editor_a)
    before = snapshot(event_b)

    for name, url in other_event_urls(event_b).items():
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, {"title": "Hijacked", "slug": "hijacked", "action-publish": "publish"})
        assert_refused(response, f"{name}: {url}")

    assert snapshot(event_b) == before
    # A refused preview leaves nothing behind for a later GET to show.
    assert not any(key.startswith("wagtail-preview-") for key in client.session.keys())


@pytest.mark.django_db
def test_the_same_editor_can_open_their_own_events_pages(client, editor_a, event_a):
    client.force_login(editor_a)
    own = other_event_urls(event_a)

    for name in ("edit", "add talk", "history", "revisions compare", "revision view", "copy"):
        assert client.get(own[name]).status_code == 200, name


@pytest.mark.django_db
def test_an_editor_sees_only_their_event_in_the_page_explorer(client, editor_a, event_a, event_b):
    client.force_login(editor_a)

    response = client.get(reverse("wagtailadmin_explore", args=[event_a.day.pk]))
    assert response.status_code == 200
    assert event_a.talk.title in response.content.decode()

    # Asked for event B's day, the explorer sends the editor back to their own event.
    response = client.get(reverse("wagtailadmin_explore", args=[event_b.day.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[event_a.event.pk])
    assert event_b.talk.title not in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_an_editor_cannot_publish_a_change_without_moderation(client, editor_a, event_a):
    talk = event_a.talk
    client.force_login(editor_a)
    edit_url = reverse("wagtailadmin_pages:edit", args=[talk.pk])
    live_revision = talk.live_revision_id

    form = client.get(edit_url)
    assert "action-publish" not in form.content.decode()  # no Publish button is offered...
    # The event's own workflow, not Wagtail's site-wide default, takes the submission.
    assert 'name="action-submit" value="Submit to Conference notes review"' in form.content.decode()

    # ...and a hand-made "publish" post only saves a draft.
    response = client.post(
        edit_url, page_form_data(form.content.decode(), title="Opening, edited", **{"action-publish": "publish"})
    )
    assert response.status_code == 302

    talk.refresh_from_db()
    assert talk.title == "Opening of PyCon A"  # the live title is unchanged
    assert talk.live_revision_id == live_revision
    assert talk.has_unpublished_changes
    assert talk.get_latest_revision_as_object().title == "Opening, edited"
    assert client.get(talk.url).content.decode().count("Opening, edited") == 0


@pytest.mark.django_db
def test_an_editor_cannot_publish_a_new_talk_without_moderation(client, editor_a, event_a):
    client.force_login(editor_a)
    add_url = reverse("wagtailadmin_pages:add", args=["conference", "talkpage", event_a.day.pk])

    form = client.get(add_url)
    assert "action-publish" not in form.content.decode()
    response = client.post(
        add_url,
        page_form_data(
            form.content.decode(), title="Lightning round", slug="lightning-round", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302

    talk = TalkPage.objects.get(slug="lightning-round")
    assert talk.owner == editor_a
    assert not talk.live
    assert talk.live_revision is None


@pytest.mark.django_db
def test_an_editor_can_delete_a_draft_but_not_a_published_talk(client, editor_a, event_a):
    client.force_login(editor_a)
    live_talk = event_a.talk
    draft = event_a.day.add_child(instance=TalkPage(title="Abandoned notes", slug="abandoned", live=False))

    assert_refused(client.post(reverse("wagtailadmin_pages:delete", args=[live_talk.pk])), "delete live talk")
    assert TalkPage.objects.filter(pk=live_talk.pk).exists()  # only a moderator can take a talk down

    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not TalkPage.objects.filter(pk=draft.pk).exists()
