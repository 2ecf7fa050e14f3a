"""The talk body StreamBlock and its whole-body validation."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .code import CodeBlock
from .lists import ListBlock
from .media import FigureBlock
from .tables import TableBlock
from .text import HEADING_LEVELS, DividerBlock, HeadingBlock, ParagraphBlock, QuoteBlock

# The talk title is the page's only h1, so a body's first heading is an h2.
PAGE_TITLE_LEVEL = 1
HEADING_LEVEL_NAMES = {name for name, _label in HEADING_LEVELS}


def heading_hierarchy_errors(stream_value) -> dict[int, ValidationError]:
    """Map the index of each heading that skips a level to an error naming it."""
    errors = {}
    previous = PAGE_TITLE_LEVEL
    for index, child in enumerate(stream_value):
        # A missing or unknown level is the heading block's own error.
        if child.block_type != "heading" or child.value.get("level") not in HEADING_LEVEL_NAMES:
            continue
        level = int(child.value["level"][1])
        if level > previous + 1:
            expected = previous + 1
            before = "the talk title (h1)" if previous == PAGE_TITLE_LEVEL else f"the heading before it (h{previous})"
            message = (
                f"The heading “{child.value['text']}” is an h{level}, which skips a level after {before}. "
                f"Make it an h{expected}, or add an h{expected} heading before it."
            )
            errors[index] = StructBlockValidationError(block_errors={"level": ValidationError(message)})
        previous = level
    return errors


class TalkBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    list = ListBlock()
    code = CodeBlock()
    image = FigureBlock()
    table = TableBlock()
    divider = DividerBlock()

    def clean(self, value):
        try:
            cleaned = super().clean(value)
        except blocks.StreamBlockValidationError as error:
            # Report skipped heading levels along with the blocks' own errors, so an
            # editor sees everything to fix at once; a block's own error comes first.
            errors = {**heading_hierarchy_errors(value), **error.block_errors}
            raise blocks.StreamBlockValidationError(
                block_errors=errors, non_block_errors=error.non_block_errors
            ) from None
        errors = heading_hierarchy_errors(cleaned)
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return cleaned


class LightningNotesBlock(blocks.StreamBlock):
    """Notes on one lightning talk: a few minutes, so no headings or tables."""

    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    list = ListBlock()
    code = CodeBlock()
    image = FigureBlock()
    divider = DividerBlock()
