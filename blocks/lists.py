"""Bulleted and numbered lists whose items are rich, nested up to five levels.

An item holds inline rich text (the paragraph's features) and, after it, any
further blocks: paragraphs, quotes, code, images, tables and a sub-list that
is bulleted or numbered independently of its parent, as real notes are
written. Each level is its own block instance because a StreamField block
definition cannot refer to itself; five levels covers the deepest outline in
the seed notes (four) with one to spare.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .code import CodeBlock
from .media import FigureBlock
from .tables import TableBlock
from .text import InlineRichTextBlock, ParagraphBlock, QuoteBlock

MAX_LIST_DEPTH = 5
LIST_STYLES = [("bulleted", "Bulleted"), ("numbered", "Numbered")]
EMPTY_ITEM_MESSAGE = "This list item is empty: write its text, add a block under it, or remove it."


class ListItemBlock(blocks.StructBlock):
    """One item: its text, then the blocks that belong to it (a sub-list among them)."""

    def __init__(self, local_blocks=None, depth=1, **kwargs):
        # `depth` builds the children; it is not frozen into migrations (StructBlock deconstructs its children).
        self._constructor_args[1].pop("depth", None)
        if local_blocks is None:
            content = [
                ("paragraph", ParagraphBlock()),
                ("quote", QuoteBlock()),
                ("code", CodeBlock()),
                ("image", FigureBlock()),
                ("table", TableBlock()),
            ]
            if depth < MAX_LIST_DEPTH:
                content.append(("list", ListBlock(depth=depth + 1, label="Sub-list")))
            local_blocks = [
                ("text", InlineRichTextBlock(required=False, label="Item")),
                (
                    "blocks",
                    blocks.StreamBlock(content, required=False, label="Under this item", form_classname="nested-list"),
                ),
            ]
        kwargs.setdefault("label", f"Item (level {depth})")
        kwargs.setdefault("icon", "list-ul")
        super().__init__(local_blocks, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        text = value.get("text")
        if not (text and str(text.source if hasattr(text, "source") else text).strip()) and not value.get("blocks"):
            raise StructBlockValidationError(block_errors={"text": ValidationError(EMPTY_ITEM_MESSAGE)})
        return value

    class Meta:
        template = "blocks/list_item.html"


class ListBlock(blocks.StructBlock):
    """A list at `depth` (1 in a talk body, 2 to 5 under an item)."""

    def __init__(self, local_blocks=None, depth=1, **kwargs):
        self._constructor_args[1].pop("depth", None)
        if local_blocks is None:
            local_blocks = [
                (
                    "style",
                    blocks.ChoiceBlock(
                        choices=LIST_STYLES,
                        default="bulleted",
                        help_text="Numbered when the order matters (steps); bulleted otherwise.",
                    ),
                ),
                ("items", blocks.ListBlock(ListItemBlock(depth=depth), min_num=1)),
            ]
        super().__init__(local_blocks, **kwargs)

    class Meta:
        icon = "list-ul"
        template = "blocks/list.html"
        preview_value = {
            "style": "bulleted",
            "items": [
                {
                    "text": "<p>Steps</p>",
                    "blocks": [
                        {
                            "type": "list",
                            "value": {
                                "style": "bulleted",
                                "items": [
                                    {"text": "<p>Replicate the bug</p>", "blocks": []},
                                    {"text": "<p>Write <b>some</b> code</p>", "blocks": []},
                                ],
                            },
                        }
                    ],
                },
                {"text": "<p>Write down (publicly) what you learned</p>", "blocks": []},
            ],
        }
        description = (
            "A bulleted or numbered list; items hold formatted text and, under it, paragraphs, code, quotes, "
            "images, tables or a sub-list, up to five levels deep."
        )
        # Named by its items in the editor, not only "Bulleted", so two lists' sections differ.
        label_format = "{style}: {items}"
