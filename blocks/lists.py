"""Bulleted and numbered lists nested up to five levels.

Each level is its own block class because a StreamField block definition
cannot refer to itself; five levels covers the deepest outline in the seed
notes (four) with one to spare.
"""

from wagtail import blocks

MAX_LIST_DEPTH = 5


def _item_block(depth: int) -> blocks.StructBlock:
    children = []
    if depth < MAX_LIST_DEPTH:
        children.append(
            (
                "children",
                blocks.ListBlock(
                    _item_block(depth + 1),
                    default=[],
                    min_num=0,
                    label="Sub-items",
                    form_classname="nested-list",
                ),
            )
        )
    return blocks.StructBlock(
        [("text", blocks.CharBlock(max_length=1000, label="Item"))] + children,
        label=f"Item (level {depth})",
        icon="list-ul",
    )


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bulleted", "Bulleted"), ("numbered", "Numbered")],
        default="bulleted",
        help_text="Numbered when the order matters (steps); bulleted otherwise.",
    )
    items = blocks.ListBlock(_item_block(1), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/list.html"
        preview_value = {
            "style": "bulleted",
            "items": [
                {
                    "text": "Steps",
                    "children": [
                        {"text": "Replicate the bug", "children": []},
                        {"text": "Write some code", "children": []},
                    ],
                },
                {"text": "Write down (publicly) what you learned", "children": []},
            ],
        }
        description = "A bulleted or numbered list; items can hold sub-items up to five levels deep."
        # Named by its items in the editor, not only "Bulleted", so two lists' sections differ.
        label_format = "{style}: {items}"
