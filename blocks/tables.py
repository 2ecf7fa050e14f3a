"""Tables with a header row and a caption, rendered as a real <table>."""

from wagtail.contrib.typed_table_block.blocks import TypedTableBlock, TypedTableBlockValidationError

from .text import InlineRichTextBlock


class TableBlock(TypedTableBlock):
    """A table whose column headings form its header row (`th scope="col"`).

    The first column is rendered as row headings (`th scope="row"`): tables in
    conference notes are comparisons, where the first cell names the row.
    """

    def __init__(self, local_blocks=None, **kwargs):
        # Cells keep inline formatting and links; an empty cell is allowed (a comparison may have gaps).
        local_blocks = local_blocks or [("text", InlineRichTextBlock(label="Text", required=False))]
        super().__init__(local_blocks, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        problems = []
        # Each message names the table (by its caption, else its column headings) and says how to fix it.
        caption = (value.caption or "").strip()
        headings = [(col["heading"] or "").strip() for col in value.columns]
        if caption:
            named = f"the table “{caption}”"
        elif any(headings):
            named_headings = [f"“{h}”" for h in headings if h]
            named = f"the table with the column{'s' if len(named_headings) > 1 else ''} {', '.join(named_headings)}"
        else:
            named = "this table"
        if not caption:
            problems.append(f"Add a caption to {named} that says what the table shows.")
        if not value.columns:
            problems.append(f"Add at least one column to {named}.")
        elif not all(headings):
            problems.append(f"Give every column of {named} a heading: the header row is what screen readers announce.")
        if problems:
            raise TypedTableBlockValidationError(non_block_errors=problems)
        return value

    class Meta:
        icon = "table"
        template = "blocks/table.html"
        preview_value = {
            "caption": "Web test automation tools",
            "columns": [
                {"type": "text", "heading": "Aspect"},
                {"type": "text", "heading": "Selenium"},
                {"type": "text", "heading": "Playwright"},
            ],
            "rows": [
                {
                    "values": [
                        "<p>Languages</p>",
                        "<p>C#, Java, JavaScript, Ruby, Python</p>",
                        "<p>C#, Java, JavaScript, Python</p>",
                    ]
                },
                {
                    "values": [
                        "<p>Speed</p>",
                        "<p>Can be slow if waiting is poor</p>",
                        "<p>Typically the <b>fastest</b></p>",
                    ]
                },
            ],
        }
        description = "A table with a header row and a caption, e.g. a comparison of tools."
