"""Several app servers, one state: what is published or uploaded through one server is served by the other at once."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text, streamfield

from conference.factories import png_bytes

from .services import SiteClient


@pytest.fixture(scope="module")
def servers(production_stack):
    return production_stack


@pytest.fixture
def editor_on_a(servers):
    client = SiteClient(servers.urls[0])
    client.log_in(servers.ADMIN_USER, servers.ADMIN_PASSWORD)
    return client


@pytest.fixture
def visitor_on_b(servers):
    return SiteClient(servers.urls[1])


def first_day(servers):
    [(day_id, url_path)] = servers.query(
        "SELECT p.id, p.url_path FROM wagtailcore_page p JOIN conference_daypage d ON d.page_ptr_id = p.id "
        "ORDER BY p.path LIMIT 1"
    )
    # url_path is "/home/<event>/<day>/" under the site's root page "/home/".
    return day_id, "/" + url_path.split("/", 2)[2]


def publish_talk(servers, editor, day_id, title, slug, body):
    """Fill in the admin's "New talk" form on the editor's server and press Publish."""
    add_url = f"/admin/pages/add/conference/talkpage/{day_id}/"
    form = editor.get(add_url)
    assert form.status_code == 200
    data = querydict_from_html(form.text, form_id="page-edit-form").dict()
    data.update(
        nested_form_data(
            {
                "title": title,
                "slug": slug,
                "summary": f"A summary of {title}.",
                "body": streamfield(body),
                "talk_speakers": inline_formset([]),
                "links": inline_formset([]),
                "lightning_talks": inline_formset([]),
            }
        )
    )
    data["action-publish"] = "action-publish"
    response = editor.post(add_url, data)
    assert response.status_code == 302, BeautifulSoup(response.text, "html.parser").select_one(".messages")
    [(page_id,)] = servers.query("SELECT id FROM wagtailcore_page WHERE slug = %s", slug)
    return page_id


def upload_image(servers, editor, title, data):
    response = editor.post("/admin/images/add/", {"title": title}, files={"file": (f"{title}.png", data, "image/png")})
    assert response.status_code == 302, response.text[:2000]
    [(image_id,)] = servers.query("SELECT id FROM wagtailimages_image WHERE title = %s", title)
    return image_id


def test_a_talk_published_through_server_a_is_served_by_server_b_at_once(servers, editor_on_a, visitor_on_b):
    day_id, day_url = first_day(servers)
    # Server B has the day page in its cache before the talk exists.
    assert visitor_on_b.get(day_url).status_code == 200
    cached = visitor_on_b.get(day_url)
    assert "Age" in cached.headers, "the day page should come from the page cache"
    assert "Shared state across servers" not in cached.text

    publish_talk(
        servers,
        editor_on_a,
        day_id,
        "Shared state across servers",
        "shared-state-across-servers",
        [("paragraph", rich_text("<p>Published on A, read on B.</p>"))],
    )

    talk = visitor_on_b.get(f"{day_url}shared-state-across-servers/")
    assert talk.status_code == 200
    assert "Published on A, read on B." in talk.text
    day = visitor_on_b.get(day_url)
    assert "Shared state across servers" in day.text


def test_an_image_uploaded_through_server_a_is_shown_by_server_b(servers, editor_on_a, visitor_on_b):
    day_id, day_url = first_day(servers)
    image_id = upload_image(servers, editor_on_a, "uploaded-on-a", png_bytes(900, 600, (10, 120, 60)))

    publish_talk(
        servers,
        editor_on_a,
        day_id,
        "A picture from server A",
        "a-picture-from-server-a",
        [
            (
                "image",
                {"image": {"image": image_id, "alt_text": "A green card"}, "caption": "Uploaded on A", "credit": ""},
            )
        ],
    )

    page = visitor_on_b.get(f"{day_url}a-picture-from-server-a/")
    assert page.status_code == 200
    img = BeautifulSoup(page.text, "html.parser").select_one("figure.block-image img")
    assert img["alt"] == "A green card"
    assert img["src"].startswith(f"{servers.s3.endpoint_url}/{servers.bucket}/images/uploaded-on-a")
    served = visitor_on_b.session.get(img["src"], timeout=10)
    assert served.status_code == 200
    assert PILImage.open(io.BytesIO(served.content)).convert("RGB").getpixel((0, 0)) == (10, 120, 60)


def test_a_talk_unpublished_through_server_a_disappears_from_server_b_at_once(servers, editor_on_a, visitor_on_b):
    day_id, day_url = first_day(servers)
    page_id = publish_talk(
        servers,
        editor_on_a,
        day_id,
        "Here today, gone today",
        "here-today-gone-today",
        [("paragraph", rich_text("<p>Soon unpublished.</p>"))],
    )
    talk_url = f"{day_url}here-today-gone-today/"
    visitor_on_b.get(talk_url)
    assert "Age" in visitor_on_b.get(talk_url).headers, "the talk should come from the page cache"

    response = editor_on_a.post(f"/admin/pages/{page_id}/unpublish/", {})

    assert response.status_code == 302
    assert visitor_on_b.get(talk_url).status_code == 404
    assert "Here today, gone today" not in visitor_on_b.get(day_url).text


def test_an_editors_page_is_never_served_to_a_visitor_from_the_cache(servers, editor_on_a):
    _, day_url = first_day(servers)
    visitor = SiteClient(servers.urls[0])

    as_editor = editor_on_a.get(day_url)
    as_visitor = visitor.get(day_url)

    assert "<wagtail-userbar>" in as_editor.text
    assert "<wagtail-userbar>" not in as_visitor.text
    assert "sessionid" not in visitor.session.cookies


IMPORTED_NOTES = """---
name: Two Servers Conf 2025
slug: two-servers-conf
dates: 2025-03-01
location: Loopback
---

# Only day
date: 2025-03-01

## Uploaded on A, confirmed on B
summary: The admin import across two servers.

A paragraph.

![A blue card](images/card.png)
"""


def test_notes_uploaded_through_server_a_are_imported_by_a_confirmation_on_server_b(servers, editor_on_a):
    notes = ("notes.md", IMPORTED_NOTES.encode(), "text/markdown")
    card = ("card.png", png_bytes(300, 200, (20, 40, 200)), "image/png")
    preview = editor_on_a.post(
        "/admin/notes/import/", {"action": "preview", "publish": "on"}, files=[("notes", notes), ("images", card)]
    )
    assert "Preview of notes.md: 3 created" in preview.text, preview.text[:3000]
    token = BeautifulSoup(preview.text, "html.parser").select_one("input[name=token]")["value"]
    editor_on_b = SiteClient(servers.urls[1])
    editor_on_b.session.cookies.update(editor_on_a.session.cookies)  # the same editor, balanced to B

    done = editor_on_b.post("/admin/notes/import/", {"action": "confirm", "token": token})

    assert done.status_code == 302, done.text[:3000]
    talk = SiteClient(servers.urls[0]).get("/two-servers-conf/only-day/uploaded-on-a-confirmed-on-b/")
    assert talk.status_code == 200
    img = BeautifulSoup(talk.text, "html.parser").select_one("figure.block-image img")
    assert img["alt"] == "A blue card"
    served = PILImage.open(io.BytesIO(editor_on_b.session.get(img["src"], timeout=10).content))
    assert served.convert("RGB").getpixel((0, 0)) == (20, 40, 200)
    assert not [key for key in servers.s3.keys(servers.bucket) if key.startswith("notes-imports/")]
