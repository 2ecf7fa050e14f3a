"""Rich list items, quotes and table cells: the talk body's text moves from plain text to rich text.

Forward, every list item's plain text becomes a paragraph of rich text and its
sub-items become a sub-list block under it (with the parent's style: before,
a list had one style for all levels); a quote's text becomes paragraphs (a line
break inside one stays a <br/>); a table cell's text becomes rich text.
Backward is the inverse for content written before this migration; content
written after it loses what the old blocks cannot hold (formatting, blocks
under an item other than its first sub-list, a sub-list's own style).
Pages, lightning talks and every talk revision are converted, so an old
revision still opens in the editor and a re-import sees the same content.
"""

import json
import re
import uuid
from html import escape, unescape


import blocks.code
import wagtail.fields
from django.db import migrations


ID_NAMESPACE = uuid.UUID("2f8a1b9e-0c47-4d35-8e6a-5b1f3c9d7e20")
TAG = re.compile(r"<[^>]+>")
OLD_MAX_DEPTH = 5


def _to_html(text):
    return f"<p>{escape(text, quote=False)}</p>" if text else ""


def _to_text(html):
    """Rich text as plain text: paragraphs on blank lines, <br/> as a line break."""
    html = re.sub(r"<br\s*/?>", "\n", html or "")
    paragraphs = [unescape(TAG.sub("", p)).strip() for p in re.split(r"</p>\s*<p[^>]*>", html)]
    return "\n\n".join(p for p in paragraphs if p)


def _quote_html(text):
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join("<p>" + escape(p, quote=False).replace("\n", "<br/>") + "</p>" for p in paragraphs)


def _items(raw_items):
    """(item id or None, item value) of a ListBlock's raw items, in either of its stored forms."""
    for raw in raw_items or []:
        if isinstance(raw, dict) and raw.get("type") == "item" and "value" in raw:
            yield raw.get("id"), raw["value"]
        else:
            yield None, raw


def _list_forward(value):
    style = value.get("style") or "bulleted"
    items = []
    for item_id, item in _items(value.get("items")):
        under = []
        if item.get("children"):
            child = {"style": style, "items": item["children"]}
            # A stable id for the new sub-list block, so running the migration twice gives the same data.
            seed = item_id or json.dumps(item, sort_keys=True)
            under.append({"type": "list", "id": str(uuid.uuid5(ID_NAMESPACE, seed)), "value": _list_forward(child)})
        raw = {"type": "item", "value": {"text": _to_html(item.get("text") or ""), "blocks": under}}
        if item_id:
            raw["id"] = item_id
        items.append(raw)
    return {"style": style, "items": items}


def _list_backward(value, depth=1):
    items = []
    for item_id, item in _items(value.get("items")):
        sub = next((b["value"] for b in item.get("blocks") or [] if b.get("type") == "list"), None)
        old = {"text": _to_text(item.get("text"))}
        if depth < OLD_MAX_DEPTH:  # the old deepest level had no sub-items at all
            old["children"] = _list_backward(sub, depth + 1)["items"] if sub else []
        raw = {"type": "item", "value": old}
        if item_id:
            raw["id"] = item_id
        items.append(raw)
    return {"style": value.get("style") or "bulleted", "items": items}


def _table(value, convert):
    rows = [dict(row, values=[convert(cell or "") for cell in row.get("values", [])]) for row in value.get("rows", [])]
    return dict(value, rows=rows)


def convert_stream(raw_blocks, forward):
    """The raw data of a talk body or lightning notes, converted one way or the other."""
    out = []
    for block in raw_blocks or []:
        kind, value = block.get("type"), block.get("value")
        if kind == "list":
            value = _list_forward(value) if forward else _list_backward(value)
        elif kind == "quote":
            value = dict(value, text=_quote_html(value.get("text")) if forward else _to_text(value.get("text")))
        elif kind == "table":
            value = _table(value, _to_html if forward else _to_text)
        elif kind == "divider" and not forward:
            continue  # the old blocks have no divider
        out.append(dict(block, value=value))
    return out


def _convert_json(text, forward):
    data = json.loads(text) if isinstance(text, str) else text
    return json.dumps(convert_stream(data, forward))


def _migrate(apps, forward):
    TalkPage = apps.get_model("conference", "TalkPage")
    LightningTalk = apps.get_model("conference", "LightningTalk")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in TalkPage.objects.all():
        page.body = convert_stream(page.body.raw_data, forward)
        page.save(update_fields=["body"])
    for talk in LightningTalk.objects.all():
        talk.notes = convert_stream(talk.notes.raw_data, forward)
        talk.save(update_fields=["notes"])
    revisions = Revision.objects.filter(content_type__app_label="conference", content_type__model="talkpage")
    for revision in revisions.iterator():
        content = revision.content
        if content.get("body"):
            content["body"] = _convert_json(content["body"], forward)
        for lightning in content.get("lightning_talks") or []:
            if lightning.get("notes"):
                lightning["notes"] = _convert_json(lightning["notes"], forward)
        revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    _migrate(apps, forward=True)


def backwards(apps, schema_editor):
    _migrate(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("conference", "0004_schedule_time_zone_tracks_guids_links"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lightningtalk",
            name="notes",
            field=wagtail.fields.StreamField(
                [("paragraph", 0), ("quote", 5), ("list", 37), ("code", 11), ("image", 15), ("divider", 38)],
                blank=True,
                block_lookup={
                    0: ("blocks.text.ParagraphBlock", (), {}),
                    1: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "features": ["bold", "italic", "link", "code", "keyboard", "superscript", "subscript"],
                            "help_text": "The words as said, without quotation marks.",
                        },
                    ),
                    2: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Who said it, as free text (e.g. a first name or a handle). Leave empty if you choose a speaker.",
                            "max_length": 255,
                            "required": False,
                        },
                    ),
                    3: (
                        "blocks.text.SpeakerChooserBlock",
                        (),
                        {"help_text": "Or choose the speaker who said it.", "required": False},
                    ),
                    4: (
                        "wagtail.blocks.URLBlock",
                        (),
                        {"help_text": "Optional link to the source.", "label": "Source link", "required": False},
                    ),
                    5: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 1), ("attribution", 2), ("speaker", 3), ("source_url", 4)]],
                        {},
                    ),
                    6: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [("bulleted", "Bulleted"), ("numbered", "Numbered")],
                            "help_text": "Numbered when the order matters (steps); bulleted otherwise.",
                        },
                    ),
                    7: ("blocks.text.InlineRichTextBlock", (), {"label": "Item", "required": False}),
                    8: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": blocks.code.language_choices,
                            "help_text": "The language, for highlighting and for screen readers; choose Plain text when none fits.",
                        },
                    ),
                    9: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {"help_text": "Pasted as is: indentation and blank lines are kept."},
                    ),
                    10: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Optional caption or file name, e.g. models.py.",
                            "max_length": 255,
                            "required": False,
                        },
                    ),
                    11: ("wagtail.blocks.StructBlock", [[("language", 8), ("code", 9), ("caption", 10)]], {}),
                    12: (
                        "wagtail.images.blocks.ImageBlock",
                        [],
                        {
                            "help_text": "Describe what the image shows for someone who cannot see it, or mark it decorative.",
                            "label": "Image and alt text",
                        },
                    ),
                    13: ("wagtail.blocks.CharBlock", (), {"max_length": 500, "required": False}),
                    14: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Who made the image, if not you.", "max_length": 255, "required": False},
                    ),
                    15: ("wagtail.blocks.StructBlock", [[("image", 12), ("caption", 13), ("credit", 14)]], {}),
                    16: ("blocks.text.InlineRichTextBlock", (), {"label": "Text", "required": False}),
                    17: ("wagtail.contrib.typed_table_block.blocks.TypedTableBlock", [[("text", 16)]], {}),
                    18: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 0), ("quote", 5), ("code", 11), ("image", 15), ("table", 17)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    19: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 7), ("blocks", 18)]],
                        {"icon": "list-ul", "label": "Item (level 5)"},
                    ),
                    20: ("wagtail.blocks.ListBlock", (19,), {"min_num": 1}),
                    21: ("wagtail.blocks.StructBlock", [[("style", 6), ("items", 20)]], {"label": "Sub-list"}),
                    22: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 0), ("quote", 5), ("code", 11), ("image", 15), ("table", 17), ("list", 21)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    23: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 7), ("blocks", 22)]],
                        {"icon": "list-ul", "label": "Item (level 4)"},
                    ),
                    24: ("wagtail.blocks.ListBlock", (23,), {"min_num": 1}),
                    25: ("wagtail.blocks.StructBlock", [[("style", 6), ("items", 24)]], {"label": "Sub-list"}),
                    26: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 0), ("quote", 5), ("code", 11), ("image", 15), ("table", 17), ("list", 25)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    27: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 7), ("blocks", 26)]],
                        {"icon": "list-ul", "label": "Item (level 3)"},
                    ),
                    28: ("wagtail.blocks.ListBlock", (27,), {"min_num": 1}),
                    29: ("wagtail.blocks.StructBlock", [[("style", 6), ("items", 28)]], {"label": "Sub-list"}),
                    30: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 0), ("quote", 5), ("code", 11), ("image", 15), ("table", 17), ("list", 29)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    31: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 7), ("blocks", 30)]],
                        {"icon": "list-ul", "label": "Item (level 2)"},
                    ),
                    32: ("wagtail.blocks.ListBlock", (31,), {"min_num": 1}),
                    33: ("wagtail.blocks.StructBlock", [[("style", 6), ("items", 32)]], {"label": "Sub-list"}),
                    34: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 0), ("quote", 5), ("code", 11), ("image", 15), ("table", 17), ("list", 33)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    35: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 7), ("blocks", 34)]],
                        {"icon": "list-ul", "label": "Item (level 1)"},
                    ),
                    36: ("wagtail.blocks.ListBlock", (35,), {"min_num": 1}),
                    37: ("wagtail.blocks.StructBlock", [[("style", 6), ("items", 36)]], {}),
                    38: ("blocks.text.DividerBlock", (), {}),
                },
            ),
        ),
        migrations.AlterField(
            model_name="talkpage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("heading", 2),
                    ("paragraph", 3),
                    ("quote", 8),
                    ("list", 40),
                    ("code", 14),
                    ("image", 18),
                    ("table", 20),
                    ("divider", 41),
                ],
                blank=True,
                block_lookup={
                    0: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")],
                            "help_text": "h2 for a section of the talk, h3 inside it, h4 inside that. Never skip a level.",
                        },
                    ),
                    1: ("wagtail.blocks.CharBlock", (), {"max_length": 255}),
                    2: ("wagtail.blocks.StructBlock", [[("level", 0), ("text", 1)]], {}),
                    3: ("blocks.text.ParagraphBlock", (), {}),
                    4: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "features": ["bold", "italic", "link", "code", "keyboard", "superscript", "subscript"],
                            "help_text": "The words as said, without quotation marks.",
                        },
                    ),
                    5: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Who said it, as free text (e.g. a first name or a handle). Leave empty if you choose a speaker.",
                            "max_length": 255,
                            "required": False,
                        },
                    ),
                    6: (
                        "blocks.text.SpeakerChooserBlock",
                        (),
                        {"help_text": "Or choose the speaker who said it.", "required": False},
                    ),
                    7: (
                        "wagtail.blocks.URLBlock",
                        (),
                        {"help_text": "Optional link to the source.", "label": "Source link", "required": False},
                    ),
                    8: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 4), ("attribution", 5), ("speaker", 6), ("source_url", 7)]],
                        {},
                    ),
                    9: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [("bulleted", "Bulleted"), ("numbered", "Numbered")],
                            "help_text": "Numbered when the order matters (steps); bulleted otherwise.",
                        },
                    ),
                    10: ("blocks.text.InlineRichTextBlock", (), {"label": "Item", "required": False}),
                    11: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": blocks.code.language_choices,
                            "help_text": "The language, for highlighting and for screen readers; choose Plain text when none fits.",
                        },
                    ),
                    12: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {"help_text": "Pasted as is: indentation and blank lines are kept."},
                    ),
                    13: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Optional caption or file name, e.g. models.py.",
                            "max_length": 255,
                            "required": False,
                        },
                    ),
                    14: ("wagtail.blocks.StructBlock", [[("language", 11), ("code", 12), ("caption", 13)]], {}),
                    15: (
                        "wagtail.images.blocks.ImageBlock",
                        [],
                        {
                            "help_text": "Describe what the image shows for someone who cannot see it, or mark it decorative.",
                            "label": "Image and alt text",
                        },
                    ),
                    16: ("wagtail.blocks.CharBlock", (), {"max_length": 500, "required": False}),
                    17: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Who made the image, if not you.", "max_length": 255, "required": False},
                    ),
                    18: ("wagtail.blocks.StructBlock", [[("image", 15), ("caption", 16), ("credit", 17)]], {}),
                    19: ("blocks.text.InlineRichTextBlock", (), {"label": "Text", "required": False}),
                    20: ("wagtail.contrib.typed_table_block.blocks.TypedTableBlock", [[("text", 19)]], {}),
                    21: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 3), ("quote", 8), ("code", 14), ("image", 18), ("table", 20)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    22: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 10), ("blocks", 21)]],
                        {"icon": "list-ul", "label": "Item (level 5)"},
                    ),
                    23: ("wagtail.blocks.ListBlock", (22,), {"min_num": 1}),
                    24: ("wagtail.blocks.StructBlock", [[("style", 9), ("items", 23)]], {"label": "Sub-list"}),
                    25: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 3), ("quote", 8), ("code", 14), ("image", 18), ("table", 20), ("list", 24)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    26: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 10), ("blocks", 25)]],
                        {"icon": "list-ul", "label": "Item (level 4)"},
                    ),
                    27: ("wagtail.blocks.ListBlock", (26,), {"min_num": 1}),
                    28: ("wagtail.blocks.StructBlock", [[("style", 9), ("items", 27)]], {"label": "Sub-list"}),
                    29: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 3), ("quote", 8), ("code", 14), ("image", 18), ("table", 20), ("list", 28)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    30: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 10), ("blocks", 29)]],
                        {"icon": "list-ul", "label": "Item (level 3)"},
                    ),
                    31: ("wagtail.blocks.ListBlock", (30,), {"min_num": 1}),
                    32: ("wagtail.blocks.StructBlock", [[("style", 9), ("items", 31)]], {"label": "Sub-list"}),
                    33: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 3), ("quote", 8), ("code", 14), ("image", 18), ("table", 20), ("list", 32)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    34: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 10), ("blocks", 33)]],
                        {"icon": "list-ul", "label": "Item (level 2)"},
                    ),
                    35: ("wagtail.blocks.ListBlock", (34,), {"min_num": 1}),
                    36: ("wagtail.blocks.StructBlock", [[("style", 9), ("items", 35)]], {"label": "Sub-list"}),
                    37: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 3), ("quote", 8), ("code", 14), ("image", 18), ("table", 20), ("list", 36)]],
                        {"form_classname": "nested-list", "label": "Under this item", "required": False},
                    ),
                    38: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 10), ("blocks", 37)]],
                        {"icon": "list-ul", "label": "Item (level 1)"},
                    ),
                    39: ("wagtail.blocks.ListBlock", (38,), {"min_num": 1}),
                    40: ("wagtail.blocks.StructBlock", [[("style", 9), ("items", 39)]], {}),
                    41: ("blocks.text.DividerBlock", (), {}),
                },
                help_text="The notes.",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
