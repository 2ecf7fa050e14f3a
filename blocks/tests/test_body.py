"""The talk body as a whole: heading hierarchy, the blocks it offers, their templates and previews."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse

from blocks.body import LightningNotesBlock, TalkBodyBlock
from blocks.media import FigureBlock
from conference.models import TalkPage

from .utils import clean_errors, parse, render_body

BLOCK_TEMPLATES = Path(settings.BASE_DIR) / "blocks" / "templates" / "blocks"

# What each block's preview in the block picker must show, as (CSS selector, text it contains).
PREVIEW_SHOWS = {
    "heading": ("h2", "Writing good tests"),
    "paragraph": (".block-paragraph a", "Read the docs"),
    "quote": ("figure blockquote", "I am going to say some words"),
    "list": ("ul li ul li", "Replicate the bug"),
    "code": ("figure.code-block pre .kn", "import"),
    "table": ("table caption", "Web test automation tools"),
}


def heading(level, text):
    return {"type": "heading", "value": {"level": level, "text": text}}


def paragraph(text="<p>Notes.</p>"):
    return {"type": "paragraph", "value": text}


def level_errors(errors) -> dict[int, list[str]]:
    """{block index: messages shown under that heading's level field}."""
    return {index: block["blockErrors"]["level"]["messages"] for index, block in errors.get("blockErrors", {}).items()}


def talk_body_block():
    """The talk body as the admin validates it: TalkPage.body (blank=True, so an empty body is allowed)."""
    return TalkPage._meta.get_field("body").stream_block


def talk_body_child_blocks():
    """The blocks editors are offered in a talk's body."""
    return talk_body_block().child_blocks


# Heading hierarchy


@pytest.mark.parametrize(
    "levels",
    [
        [],
        ["h2"],
        ["h2", "h3", "h4"],
        ["h2", "h3", "h2", "h3"],
        ["h2", "h3", "h4", "h2"],
        ["h2", "h3", "h4", "h3", "h4"],
    ],
    ids=lambda levels: ",".join(levels) or "no-headings",
)
def test_headings_that_never_skip_a_level_are_valid(levels):
    body = [heading(level, f"Section {index}") for index, level in enumerate(levels)]

    assert clean_errors(talk_body_block(), body) == {}


def test_body_without_headings_is_valid():
    assert clean_errors(talk_body_block(), [paragraph(), paragraph()]) == {}


def test_h4_straight_after_h2_is_rejected_on_that_heading_naming_it_and_the_fix():
    body = [heading("h2", "Testing"), heading("h4", "Fixtures")]

    errors = clean_errors(talk_body_block(), body)

    assert level_errors(errors) == {
        1: [
            "The heading “Fixtures” is an h4, which skips a level after the heading before it (h2). "
            "Make it an h3, or add an h3 heading before it."
        ]
    }


def test_body_starting_with_h3_is_rejected_because_the_talk_title_is_the_h1():
    errors = clean_errors(talk_body_block(), [paragraph(), heading("h3", "Background")])

    assert level_errors(errors) == {
        1: [
            "The heading “Background” is an h3, which skips a level after the talk title (h1). "
            "Make it an h2, or add an h2 heading before it."
        ]
    }


def test_error_points_at_the_heading_among_other_blocks():
    body = [heading("h2", "Testing"), paragraph(), paragraph(), heading("h4", "Fixtures"), paragraph()]

    errors = clean_errors(talk_body_block(), body)

    assert list(level_errors(errors)) == [3]


def test_every_skipping_heading_is_reported_at_once():
    body = [
        heading("h4", "Too deep to start"),
        heading("h2", "Testing"),
        heading("h4", "Fixtures"),
        heading("h3", "Factories"),
        heading("h2", "Deploying"),
        heading("h4", "Rollbacks"),
    ]

    errors = level_errors(clean_errors(talk_body_block(), body))

    assert sorted(errors) == [0, 2, 5]
    assert "“Too deep to start” is an h4" in errors[0][0]
    assert "Make it an h2" in errors[0][0]
    assert "“Fixtures” is an h4" in errors[2][0]
    assert "Make it an h3" in errors[2][0]
    assert "“Rollbacks” is an h4" in errors[5][0]
    assert "Make it an h3" in errors[5][0]


# The blocks on offer


def test_talk_body_offers_every_kind_of_note():
    assert isinstance(talk_body_block(), TalkBodyBlock)
    assert list(talk_body_child_blocks()) == [
        "heading",
        "paragraph",
        "quote",
        "list",
        "code",
        "image",
        "table",
        "divider",
    ]


def test_lightning_notes_offer_no_headings_or_tables():
    assert list(LightningNotesBlock().child_blocks) == ["paragraph", "quote", "list", "code", "image", "divider"]


@pytest.mark.parametrize("name", list(TalkBodyBlock().child_blocks))
def test_every_block_has_its_own_template_in_blocks_and_a_description(name):
    block = talk_body_child_blocks()[name]

    template = Path(get_template(block.meta.template).origin.name)
    assert template.parent == BLOCK_TEMPLATES
    assert template.name == f"{name}.html"
    assert len(block.get_description()) > 20


def test_whole_body_renders_in_order_with_unique_anchors(speaker):
    body = [
        heading("h2", "Testing"),
        paragraph("<p>Write the test first.</p>"),
        {
            "type": "quote",
            "value": {"text": "<p>Test it.</p>", "attribution": "", "speaker": speaker.pk, "source_url": ""},
        },
        {"type": "list", "value": {"style": "numbered", "items": [{"text": "<p>Red</p>", "blocks": []}]}},
        heading("h3", "Code"),
        {"type": "code", "value": {"language": "python", "code": "assert True\n", "caption": "test_it.py"}},
        {"type": "code", "value": {"language": "text", "code": "ok\n", "caption": "output"}},
    ]

    soup = parse(render_body(body))

    assert [element.name for element in soup.find_all(["h2", "h3", "p", "blockquote", "ol", "pre"])] == [
        "h2",
        "p",
        "blockquote",
        "p",
        "ol",
        "h3",
        "pre",
        "pre",
    ]
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for labelled in soup.find_all(attrs={"aria-labelledby": True}):
        assert soup.find(id=labelled["aria-labelledby"]) is not None


# Previews in the block picker


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(PREVIEW_SHOWS))
def test_block_preview_renders_its_preview_value(admin_client, name):
    """The admin's own preview endpoint renders the preview value with the block's template."""
    block = talk_body_child_blocks()[name]
    selector, expected_text = PREVIEW_SHOWS[name]

    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

    assert response.status_code == 200
    shown = [element.get_text() for element in parse(response.content.decode()).select(selector)]
    assert any(expected_text in text for text in shown), f"{selector} shows {shown}"


def test_every_block_but_the_image_has_a_preview_value():
    without_preview = [
        name for name, block in talk_body_child_blocks().items() if not hasattr(block.meta, "preview_value")
    ]

    assert without_preview == ["image"]  # the divider's preview value is None: it has no value
    assert set(PREVIEW_SHOWS) == set(talk_body_child_blocks()) - {"image", "divider"}


@pytest.mark.django_db
def test_image_block_previews_the_newest_library_image_or_a_placeholder():
    """The image block has no fixed preview value: it needs an image from the library (see
    blocks/tests/previews/ for the rendered previews)."""
    block = FigureBlock()

    assert not hasattr(block.meta, "preview_value")
    assert block.is_previewable
    assert block.get_preview_value()["image"] is None
    assert block.get_preview_template(block.get_preview_value()) == "blocks/previews/image_placeholder.html"


@pytest.mark.parametrize("name", list(PREVIEW_SHOWS))
def test_block_picker_shows_the_preview(name):
    """Wagtail only shows a preview when the block has a preview template, or the global
    `wagtailcore/shared/block_preview.html` is overridden (so previews get the site's CSS)."""
    assert talk_body_child_blocks()[name].is_previewable
