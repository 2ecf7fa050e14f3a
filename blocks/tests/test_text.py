"""Paragraph, heading and quote blocks: what readers see, and what editors are told."""

import json
from html import escape

import pytest
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from blocks.text import HeadingBlock, ParagraphBlock, QuoteBlock
from conference.models import Speaker

from .utils import HOSTILE_TEXT, assert_escaped, clean_errors, parse, render_one, text_of

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
STORED_WITH_STRUCTURE = (
    "<h1>A second page title</h1>"
    '<p>Use <b>htmx</b> <script>alert("x")</script><code>hx-get</code> '
    '<a href="https://htmx.org/">docs</a></p>'
    "<h2>A section</h2>"
)


# Paragraph


def test_paragraph_renders_its_rich_text_formatting():
    html = render_one(
        "paragraph",
        '<p>Write mostly <b>Python</b>, <i>some</i> <code>hx-get</code>. <a href="https://htmx.org/">Docs</a>.</p>',
    )

    paragraph = parse(html).select_one("div.block-paragraph > p")
    assert paragraph.b.get_text() == "Python"
    assert paragraph.i.get_text() == "some"
    assert paragraph.code.get_text() == "hx-get"
    assert paragraph.a["href"] == "https://htmx.org/"
    assert paragraph.get_text() == "Write mostly Python, some hx-get. Docs."


def test_paragraph_editor_offers_inline_formatting_only():
    block = ParagraphBlock()

    assert block.features == ["bold", "italic", "link", "code", "keyboard", "superscript", "subscript"]
    assert not HEADING_TAGS & set(block.features)
    # The Draftail toolbar is built from these options: no block types means no heading buttons.
    assert not block.field.widget.options.get("blockTypes")


def test_paragraph_whitelister_strips_script_and_headings():
    cleaned = EditorHTMLConverter(features=ParagraphBlock().features).to_database_format(STORED_WITH_STRUCTURE)

    assert "<script" not in cleaned
    assert not any(f"<{tag}" in cleaned for tag in HEADING_TAGS)
    assert "<b>htmx</b>" in cleaned
    assert '<a href="https://htmx.org/">docs</a>' in cleaned


@pytest.mark.django_db
def test_paragraph_saved_from_the_editor_loses_script_and_headings_but_keeps_inline_code():
    """Open stored HTML in the real Draftail widget and save it again, as an editor would."""
    block = ParagraphBlock()
    editor_state = block.field.widget.format_value(STORED_WITH_STRUCTURE)

    saved = block.value_from_datadict({"body-0": editor_state}, {}, "body-0").source

    assert "<script" not in saved
    assert not any(f"<{tag}" in saved for tag in HEADING_TAGS)
    assert "A second page title" in saved  # the words stay; the h1 goes
    assert "<code>hx-get</code>" in saved
    assert json.loads(editor_state)["blocks"]  # the editor really received the content


# Heading


@pytest.mark.parametrize("level", ["h2", "h3", "h4"])
def test_heading_renders_the_chosen_level_with_an_anchor_from_the_block_id(level):
    html = render_one("heading", {"level": level, "text": "Writing good tests"}, block_id="abc123")

    heading = parse(html).find(HEADING_TAGS)
    assert heading.name == level
    assert heading.get_text() == "Writing good tests"
    assert heading["id"] == "h-abc123"


def test_heading_rendered_without_a_block_id_gets_an_anchor_from_its_text():
    block = HeadingBlock()

    html = block.render(block.to_python({"level": "h3", "text": "Writing Good Tests"}))

    assert parse(html).h3["id"] == "h-writing-good-tests"


def test_heading_text_is_escaped():
    html = render_one("heading", {"level": "h2", "text": HOSTILE_TEXT})

    assert_escaped(html)
    assert parse(html).h2.get_text() == HOSTILE_TEXT


@pytest.mark.parametrize("level", ["h1", "h5"])
def test_heading_level_outside_h2_to_h4_is_rejected(level):
    errors = clean_errors(HeadingBlock(), {"level": level, "text": "Intro"})

    assert errors["blockErrors"]["level"]["messages"] == [
        f"Select a valid choice. {level} is not one of the available choices."
    ]


def test_heading_text_is_required():
    errors = clean_errors(HeadingBlock(), {"level": "h2", "text": ""})

    assert errors["blockErrors"]["text"]["messages"] == ["This field is required."]


# Quote


def quote(text="Ship it on Friday", attribution="", speaker=None, source_url=""):
    return {"text": text, "attribution": attribution, "speaker": speaker, "source_url": source_url}


def test_quote_is_a_figure_with_blockquote_and_attribution_caption():
    html = render_one("quote", quote(attribution="@lacey"), block_id="q1")

    figure = parse(html).find("figure")
    assert figure["id"] == "q-q1"
    assert text_of(figure.blockquote) == "Ship it on Friday"
    assert text_of(figure.figcaption) == "— @lacey"
    assert figure.blockquote.find_parent("figure") is figure
    assert figure.figcaption.find_parent("figure") is figure


def test_quote_keeps_the_speakers_paragraphs():
    html = render_one("quote", quote(text="<p>First thought.</p><p>Second <i>thought</i>.</p>"))

    paragraphs = parse(html).blockquote.find_all("p")
    assert [p.get_text() for p in paragraphs] == ["First thought.", "Second thought."]
    assert paragraphs[1].i.get_text() == "thought"  # a quote keeps its formatting


def test_quote_without_attribution_or_source_has_no_empty_caption():
    html = render_one("quote", quote())

    assert parse(html).figcaption is None


@pytest.mark.django_db
def test_quote_by_a_speaker_links_to_the_speaker_page(speaker):
    html = render_one("quote", quote(speaker=speaker.pk))

    caption = parse(html).figcaption
    assert text_of(caption) == f"— {speaker.name}"
    assert caption.a["href"] == f"/speakers/{speaker.slug}/"
    assert caption.a.get_text() == speaker.name


def test_quote_source_link_is_cited_and_named_for_screen_readers():
    html = render_one("quote", quote(attribution="@lacey", source_url="https://example.com/talk"))

    soup = parse(html)
    assert soup.blockquote["cite"] == "https://example.com/talk"
    source = soup.figcaption.find("a", class_="quote-source")
    assert source["href"] == "https://example.com/talk"
    assert source.get_text() == "Source of this quote"


def test_quote_text_and_attribution_are_escaped():
    html = render_one("quote", quote(text=f"<p>{escape(HOSTILE_TEXT, quote=False)}</p>", attribution=HOSTILE_TEXT))

    assert_escaped(html)
    soup = parse(html)
    assert text_of(soup.blockquote) == HOSTILE_TEXT
    assert text_of(soup.figcaption) == f"— {HOSTILE_TEXT}"


@pytest.mark.django_db
def test_quote_speaker_name_is_escaped():
    speaker = Speaker.objects.create(name=HOSTILE_TEXT, slug="hostile")

    html = render_one("quote", quote(speaker=speaker.pk))

    assert_escaped(html)
    assert parse(html).figcaption.a.get_text() == HOSTILE_TEXT


@pytest.mark.django_db
def test_quote_with_both_attribution_and_speaker_is_rejected_on_attribution(speaker):
    errors = clean_errors(QuoteBlock(), quote(attribution="@lacey", speaker=speaker.pk))

    assert errors == {
        "blockErrors": {
            "attribution": {
                "messages": ["Give either a free-text attribution or a speaker, not both: clear one of them."]
            }
        }
    }


@pytest.mark.django_db
def test_quote_with_either_attribution_or_speaker_is_valid(speaker):
    assert clean_errors(QuoteBlock(), quote(attribution="@lacey")) == {}
    assert clean_errors(QuoteBlock(), quote(speaker=speaker.pk)) == {}


def test_quote_text_is_required():
    errors = clean_errors(QuoteBlock(), quote(text=""))

    assert errors["blockErrors"]["text"]["messages"] == ["This field is required."]


def test_quote_source_must_be_a_web_address_not_script():
    errors = clean_errors(QuoteBlock(), quote(source_url="javascript:alert(1)"))

    assert errors["blockErrors"]["source_url"]["messages"] == ["Enter a valid URL."]


def test_the_editor_keeps_keyboard_keys_superscript_and_subscript():
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(features=ParagraphBlock().features)

    stored = converter.to_database_format(
        converter.from_database_format("<p><kbd>Ctrl</kbd> H<sub>2</sub>O m<sup>2</sup></p>")
    )

    assert "<kbd>Ctrl</kbd> H<sub>2</sub>O m<sup>2</sup>" in stored
