"""Editors can open every kind of page in the Wagtail editor, whatever blocks its body holds."""

import datetime
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.images import get_image_model

from conference.demo.images import DEMO_IMAGES
from conference.factories import bullet_list, home_page, make_day, make_event, make_speaker, make_talk
from conference.models import TalkPage

from .helpers import soup

# Demo talks that between them hold every body block type, lightning notes and ordered speakers,
# each with a piece of its content that the editor must carry.
DEMO_TALKS = {
    "orientation-and-welcome": "@lacey",  # quote
    "html-ivating-your-django-web-apps-experience-with-htmx-alpinejs-and-streaming": "These tools provide",  # heading
    "using-database-triggers-to-reliably-track-model-history": "pghistory.track",  # paragraph, list, code
    "testing-modern-web-apps-like-a-champion": "Web test automation tool comparison",  # table
    "hosting-and-devops-for-django": "Load Balancers (ALB)",  # four-level list
    "modern-editing-experience-for-your-django-models-with-wagtail": "Diagram drawn for this site",  # image
    "lightning-talks-day-3": "Starting a business in 5 minutes",  # lightning talks with notes
    "who-put-me-in-charge-moving-beyond-day-to-day-coding-in-django": "managing devs",  # quotes by speakers
}


def edit(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


def add(client, model_name, parent):
    return client.get(reverse("wagtailadmin_pages:add", args=("conference", model_name, parent.pk)))


def test_every_demo_talk_opens_in_the_editor(admin_client, demo):
    for slug, content in DEMO_TALKS.items():
        response = edit(admin_client, TalkPage.objects.get(slug=slug))

        assert response.status_code == 200, slug
        assert content in response.content.decode(), slug


def test_a_talk_with_every_block_type_opens_in_the_editor(admin_client, client, db):
    image = get_image_model()(
        title="Logo", file=ImageFile(BytesIO(DEMO_IMAGES["event-logo"].png_bytes()), name="logo.png")
    )
    image.save()
    ada = make_speaker("Ada")
    inner = {"type": "list", "value": {"style": "numbered", "items": [{"text": "<p>Inner</p>", "blocks": []}]}}
    nested = {"style": "numbered", "items": [{"text": "<p>Outer</p>", "blocks": [inner]}]}
    talk = make_talk(
        make_day(make_event()),
        "Everything at once",
        kind="lightning",
        speakers=[ada],
        tags=["orm"],
        start_time=datetime.time(9, 0),
        end_time=datetime.time(9, 45),
        body=[
            ("heading", {"level": "h2", "text": "Overview"}),
            ("paragraph", "<p>Some <b>bold</b> words.</p>"),
            ("quote", {"text": "Quoted words", "attribution": "", "speaker": ada.pk, "source_url": ""}),
            ("list", nested),
            ("code", {"language": "python", "code": "print('hi')\n", "caption": "hi.py"}),
            (
                "image",
                {
                    "image": {"image": image.pk, "decorative": False, "alt_text": "The logo"},
                    "caption": "A logo",
                    "credit": "",
                },
            ),
            (
                "table",
                {
                    "caption": "Tools",
                    "columns": [{"type": "text", "heading": "Tool"}],
                    "rows": [{"values": ["pytest"]}],
                },
            ),
        ],
        lightning_talks=[{"title": "Short one", "speaker": ada, "notes": [("list", bullet_list("A point"))]}],
    )

    response = edit(admin_client, talk)

    assert response.status_code == 200
    assert soup(response).find("input", attrs={"name": "title"})["value"] == "Everything at once"
    public = client.get(talk.url)
    assert public.status_code == 200
    assert [figure["class"] for figure in soup(public).select(".talk-body > figure")] == [
        ["block-quote"],
        ["code-block"],
        ["block-image"],
    ]


class TestAddViews:
    def test_the_talk_add_view_under_a_day_renders(self, admin_client, db):
        day = make_day(make_event())

        response = add(admin_client, "talkpage", day)

        assert response.status_code == 200
        document = soup(response)
        assert document.find("select", attrs={"name": "kind"}) is not None
        assert document.find("input", attrs={"name": "lightning_talks-TOTAL_FORMS"}) is not None

    def test_the_event_add_view_under_the_home_page_renders(self, admin_client, db):
        assert add(admin_client, "eventpage", home_page()).status_code == 200

    def test_the_day_add_view_under_an_event_renders(self, admin_client, db):
        assert add(admin_client, "daypage", make_event()).status_code == 200

    @pytest.mark.parametrize(
        ("model_name", "parent"), [("talkpage", "event"), ("daypage", "home"), ("eventpage", "day")]
    )
    def test_a_page_cannot_be_added_in_the_wrong_place(self, admin_client, db, model_name, parent):
        event = make_event()
        parents = {"home": home_page(), "event": event, "day": make_day(event)}

        response = add(admin_client, model_name, parents[parent])

        # Wagtail turns the refusal into a redirect to the dashboard with a permission message.
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
