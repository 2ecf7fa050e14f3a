"""Revisions: the admin compares two versions of a talk, and reverting restores the earlier body exactly."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from conference.factories import body_state, make_image
from conference.models import TalkPage
from conference.testing import per_module

from .admin_forms import body_fields, page_form_data, stream_states
from .site import build_editorial_site


def rich_body(image):
    """One of each block, with a nested list and a table, so every kind must survive the round trip."""
    return [
        {"type": "heading", "value": {"level": "h2", "text": "Fixtures"}},
        {
            "type": "paragraph",
            "value": '<p>Prefer <b>factories</b> to <a href="https://example.org/">fixtures</a>.</p>',
        },
        {
            "type": "quote",
            "value": {"text": "Tests are a design tool.", "attribution": "Kim", "speaker": None, "source_url": ""},
        },
        {
            "type": "list",
            "value": {
                "style": "numbered",
                "items": [
                    {
                        "text": "<p>Arrange</p>",
                        "blocks": [
                            {
                                "type": "list",
                                "value": {
                                    "style": "numbered",
                                    "items": [{"text": "<p>Build the tree</p>", "blocks": []}],
                                },
                            }
                        ],
                    },
                    {"text": "<p>Act</p>", "blocks": []},
                ],
            },
        },
        {"type": "code", "value": {"language": "python", "code": "def test_it():\n    assert True\n", "caption": ""}},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": "A test pyramid"},
                "caption": "The pyramid",
                "credit": "",
            },
        },
        {
            "type": "table",
            "value": {
                "caption": "Tools",
                "columns": [{"type": "text", "heading": "Tool"}, {"type": "text", "heading": "Use"}],
                "rows": [{"values": ["pytest", "runner"]}, {"values": ["Playwright", "browser"]}],
            },
        },
    ]


def save_draft(client, url, form_html, **fields):
    response = client.post(url, page_form_data(form_html, **fields))
    assert response.status_code == 302, response.content.decode()[:3000]


def build_two_versions():
    """Event A's talk saved by its editor with a rich body (v1), then with that body cut down (v2)."""
    site = build_editorial_site()
    image = make_image()
    talk = site.event_a.talk
    client = Client()
    client.force_login(site.editor_a)
    edit_url = reverse("wagtailadmin_pages:edit", args=[talk.pk])

    save_draft(client, edit_url, client.get(edit_url).content.decode(), **body_fields(body_state(rich_body(image))))
    v1 = TalkPage.objects.get(pk=talk.pk).latest_revision

    form = client.get(edit_url).content.decode()
    cut = stream_states(form)["body"][:2]  # keep the heading and the paragraph...
    cut[1]["value"] = cut[1]["value"].replace("factories", "builders")  # ...and reword one
    save_draft(client, edit_url, form, **body_fields(cut))
    v2 = TalkPage.objects.get(pk=talk.pk).latest_revision
    assert v2 != v1
    return site.editor_a, (talk, v1, v2)


_module_two_versions, two_versions = per_module(build_two_versions)


@pytest.fixture
def talk_with_two_versions(client, two_versions):
    """The talk and its two revisions, built once for the module; each test's client is its editor."""
    editor, versions = two_versions
    client.force_login(editor)
    return versions


@pytest.mark.django_db
def test_the_compare_view_shows_what_changed_between_two_revisions(client, talk_with_two_versions):
    talk, v1, v2 = talk_with_two_versions

    response = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[talk.pk, v1.pk, v2.pk]))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    deleted = " ".join(el.get_text(" ") for el in soup.select(".deletion"))
    added = " ".join(el.get_text(" ") for el in soup.select(".addition"))
    assert "factories" in deleted and "builders" in added
    for removed in ("Tests are a design tool.", "Build the tree", "def test_it", "Playwright"):
        assert removed in deleted, removed


@pytest.mark.django_db
def test_reverting_restores_the_earlier_body_exactly(client, talk_with_two_versions):
    talk, v1, v2 = talk_with_two_versions
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[talk.pk, v1.pk])

    form = client.get(revert_url)

    assert form.status_code == 200
    html = form.content.decode()
    # The editor opens on the earlier body...
    v1_body = v1.as_object().body
    assert stream_states(html)["body"] == TalkPage.body.field.stream_block.get_form_state(v1_body)
    # ...and saving it makes a new revision whose body is the earlier one, block ids included.
    save_draft(client, revert_url, html)

    talk.refresh_from_db()
    restored = talk.latest_revision
    assert restored not in (v1, v2)
    assert list(restored.as_object().body.raw_data) == list(v1_body.raw_data)
    assert restored.content["body"] == v1.content["body"]

    history = client.get(reverse("wagtailadmin_pages:history", args=[talk.pk])).content.decode()
    assert f"Reverted to previous revision with id {v1.pk}" in history
