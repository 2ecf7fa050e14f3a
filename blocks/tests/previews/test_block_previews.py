"""Every block in the editor's block picker has a preview, drawn with the site's own CSS."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.urls import reverse

from blocks.body import LightningNotesBlock, TalkBodyBlock
from conference.models import LightningTalk, TalkPage

PICKER_BLOCKS = [
    (f"{owner}.{name}", block)
    for owner, stream in (
        ("body", TalkPage.body.field.stream_block),
        ("lightning notes", LightningTalk.notes.field.stream_block),
    )
    for name, block in stream.child_blocks.items()
]

# What each kind of block draws in its preview.
EXPECTED = {
    "heading": "h2.block-heading",
    "paragraph": ".block-paragraph p",
    "quote": "figure.block-quote blockquote",
    "list": "ul.block-list li ul.block-list li",
    "code": "figure.code-block pre.highlight",
    "image": "figure.block-image",
    "table": "table.block-table caption + thead th[scope=col]",
    "divider": "hr.block-divider",
}


def test_the_picker_lists_every_body_block():
    assert {name for name in TalkBodyBlock.base_blocks} == set(EXPECTED)
    assert set(LightningNotesBlock.base_blocks) <= set(EXPECTED)


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))
    return client


def preview(client, block):
    return client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "block"), PICKER_BLOCKS, ids=[label for label, _ in PICKER_BLOCKS])
def test_each_block_has_a_preview_drawn_with_the_sites_stylesheets(admin_client_logged_in, label, block):
    assert block.is_previewable

    response = preview(admin_client_logged_in, block)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    stylesheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert "/static/css/site.css" in stylesheets
    assert "/static/css/code.css" in stylesheets
    assert soup.select_one(f".talk-body {EXPECTED[block.name]}") is not None, response.content.decode()
    assert block.get_description()  # the picker shows what the block is for


def test_the_preview_stylesheets_exist():
    assert finders.find("css/site.css")
    assert finders.find("css/code.css")


@pytest.mark.django_db
def test_the_image_preview_draws_a_placeholder_while_the_library_is_empty(admin_client_logged_in):
    soup = BeautifulSoup(preview(admin_client_logged_in, TalkBodyBlock.base_blocks["image"]).content, "html.parser")

    figure = soup.select_one(".talk-body figure.block-image")
    assert figure.select_one("svg[aria-hidden=true]") is not None
    assert figure.select_one("img") is None
    assert "A slide from the talk" in figure.figcaption.text


@pytest.mark.django_db
def test_the_image_preview_shows_the_newest_image_with_alt_text(admin_client_logged_in):
    from conference.factories import make_image

    make_image("An older slide")
    newest = make_image("Architecture diagram")
    body_image = TalkPage.body.field.stream_block.child_blocks["image"]

    soup = BeautifulSoup(preview(admin_client_logged_in, body_image).content, "html.parser")

    img = soup.select_one(".talk-body figure.block-image img")
    assert img["alt"] == "Architecture diagram"
    assert newest.file.name.rsplit(".", 1)[0].split("/")[-1] in img["src"]
    assert "Credit: the speaker" in soup.select_one("figure.block-image figcaption").text
