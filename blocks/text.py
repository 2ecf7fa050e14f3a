"""Text blocks: paragraph, inline rich text (list items, table cells), heading and quote."""

import re

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

# Rich text is kept small on purpose: structure (headings, lists, quotes, code)
# has its own blocks, so the paragraph editor offers inline formatting only and
# can never produce an h1. Keyboard keys, superscript and subscript are there
# because notes name shortcuts (<kbd>) and units (m<sup>2</sup>).
PARAGRAPH_FEATURES = ["bold", "italic", "link", "code", "keyboard", "superscript", "subscript"]
_ONE_PARAGRAPH = re.compile(r"^\s*<p[^>]*>((?:(?!<p[\s>]).)*)</p>\s*$", re.S)


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        preview_value = (
            "<p>Write mostly <b>Python</b> and HTML, with <code>hx-get</code> "
            'for the dynamic parts. <a href="https://htmx.org/">Read the docs</a>.</p>'
        )
        description = "Running text with bold, italic, links and inline code."


class InlineRichTextBlock(blocks.RichTextBlock):
    """Rich text for a list item or a table cell: the paragraph's features, rendered
    without the <p> around a single paragraph (an item's text is the <li>'s own)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    def render_basic(self, value, context=None):
        html = str(RichText(value.source if isinstance(value, RichText) else value or ""))
        match = _ONE_PARAGRAPH.match(html)
        return mark_safe(match.group(1) if match else html)  # noqa: S308 - Wagtail's rich text is already HTML


HEADING_LEVELS = [("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")]


class HeadingBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h2",
        help_text="h2 for a section of the talk, h3 inside it, h4 inside that. Never skip a level.",
    )
    text = blocks.CharBlock(max_length=255)

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        preview_value = {"level": "h2", "text": "Writing good tests"}
        description = "A section heading (h2 to h4); the whole body is checked so levels are never skipped."
        # The editor names each block's section by this label: with the level alone, two
        # h2 sections would share a name, which screen reader users cannot tell apart.
        label_format = "{text} ({level})"


class SpeakerChooserBlock(blocks.ChooserBlock):
    """Chooses a Speaker with a plain <select>.

    Speakers are managed with wagtail-modeladmin rather than as snippets, so
    there is no modal chooser for them; a select is accessible and enough for
    the few hundred speakers a conference site has.
    """

    target_model = "conference.Speaker"

    @cached_property
    def widget(self):
        from django import forms

        return forms.Select()

    @cached_property
    def field(self):
        from django import forms

        return forms.ModelChoiceField(
            queryset=self.model_class.objects.order_by("name"),
            widget=self.widget,
            required=self._required,
            help_text=self._help_text,
        )

    def get_form_state(self, value):
        # A <select>'s telepath state is the list of selected values, as strings.
        return self.widget.format_value(value.pk if value is not None else None)

    def value_from_form(self, value):
        # The select's empty choice posts "", which ChooserBlock would look up as a primary key.
        return None if value in ("", None) else super().value_from_form(value)

    class Meta:
        icon = "user"


class QuoteBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, help_text="The words as said, without quotation marks.")
    attribution = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="Who said it, as free text (e.g. a first name or a handle). Leave empty if you choose a speaker.",
    )
    speaker = SpeakerChooserBlock(required=False, help_text="Or choose the speaker who said it.")
    source_url = blocks.URLBlock(required=False, label="Source link", help_text="Optional link to the source.")

    def clean(self, value):
        value = super().clean(value)
        if value.get("attribution") and value.get("speaker"):
            raise StructBlockValidationError(
                block_errors={
                    "attribution": ValidationError(
                        "Give either a free-text attribution or a speaker, not both: clear one of them."
                    )
                }
            )
        return value

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        preview_value = {
            "text": "<p>I am going to say some words here I <i>don’t</i> fully understand</p>",
            "attribution": "@lacey",
            "speaker": None,
            "source_url": "",
        }
        description = "A quotation with who said it and an optional source link."


class DividerBlock(blocks.StaticBlock):
    """A thematic break (`---` in notes): a change of topic with no heading of its own."""

    class Meta:
        icon = "horizontalrule"
        template = "blocks/divider.html"
        admin_text = "A horizontal line between two parts of the notes."
        preview_value = None
        description = "A horizontal line marking a change of topic."
