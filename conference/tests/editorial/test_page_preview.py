"""The editor's preview of a talk is the public page, with the site's stylesheets, showing the unsaved edits."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from conference.factories import body_state
from conference.models import TalkPage

from .admin_forms import body_fields, page_form_data

EDITED_BODY = [
    {"type": "heading", "value": {"level": "h2", "text": "Unsaved section"}},
    {
        "type": "code",
        "value": {"language": "python", "code": "assert preview == page\n", "caption": "test_preview.py"},
    },
]


def assert_styled_talk_page(html):
    soup = BeautifulSoup(html, "html.parser")
    assert [link["href"] for link in soup.select("link[rel=stylesheet]")][:2] == [
        "/static/css/site.css",
        "/static/css/code.css",
    ]
    assert "page-talk" in soup.body["class"]
    return soup


@pytest.mark.django_db
def test_the_preview_of_an_edited_talk_shows_the_edits_with_the_sites_css(client, editor_a, event_a):
    talk = event_a.talk
    client.force_login(editor_a)
    form = client.get(reverse("wagtailadmin_pages:edit", args=[talk.pk])).content.decode()
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[talk.pk])

    posted = client.post(
        preview_url, page_form_data(form, title="Previewed title", **body_fields(body_state(EDITED_BODY)))
    )
    assert json.loads(posted.content) == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)

    assert response.status_code == 200
    soup = assert_styled_talk_page(response.content)
    assert soup.h1.text == "Previewed title"
    assert soup.select_one(".talk-body h2.block-heading").text == "Unsaved section"
    assert soup.select_one(".talk-body figure.code-block figcaption").text.startswith("test_preview.py")
    # Nothing was saved: the talk and its public page are as they were.
    assert TalkPage.objects.get(pk=talk.pk).get_latest_revision_as_object().title == "Opening of PyCon A"
    assert "Unsaved section" not in client.get(talk.url).content.decode()


@pytest.mark.django_db
def test_a_new_talk_can_be_previewed_before_it_is_saved(client, editor_a, event_a):
    client.force_login(editor_a)
    args = ["conference", "talkpage", event_a.day.pk]
    form = client.get(reverse("wagtailadmin_pages:add", args=args)).content.decode()
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=args)

    client.post(
        preview_url, page_form_data(form, title="Draft talk", slug="draft", **body_fields(body_state(EDITED_BODY)))
    )
    response = client.get(preview_url)

    assert response.status_code == 200
    soup = assert_styled_talk_page(response.content)
    assert soup.h1.text == "Draft talk"
    assert not TalkPage.objects.filter(slug="draft").exists()
