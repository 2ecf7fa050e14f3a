"""EventSpec → Markdown notes, in the format `parser.py` reads (docs/notes-format.md).

The writer is the parser's inverse: parsing what it writes gives back the
same spec. Plain-text fields are escaped so that a literal `*` stays a `*`;
metadata values are written as they are, since metadata is never Markdown.
"""

import json
import re

import yaml

from conference.schedule import notes_keys

from .inline import escape_text, rich_text_to_markdown
from .spec import default_slug


def write_notes(event, image_path=None) -> str:
    """The notes as Markdown. `image_path(ref)` gives the path to write for an image (default: ref.path)."""
    image_path = image_path or (lambda ref: ref.path)
    out = ["---", f"name: {_yaml(event.title)}"]
    if event.slug != default_slug(event.title):
        out.append(f"slug: {event.slug}")
    dates = f"{event.start_date:%Y-%m-%d}"
    if event.end_date != event.start_date:
        dates += f" to {event.end_date:%Y-%m-%d}"
    out.append(f"dates: {dates}")
    out.append(f"location: {_yaml(event.location)}")
    if event.website:
        out.append(f"website: {_yaml(event.website)}")
    if event.time_zone:
        out.append(f"timezone: {_yaml(event.time_zone)}")
    if event.language:
        out.append(f"language: {_yaml(event.language)}")
    if event.logo:
        out.append(f"logo: {_image(event.logo, image_path)}")
    out.append("---")
    _intro(out, event.intro)
    for day in event.days:
        out += ["", f"# {_heading(day.title)}", f"date: {day.date:%Y-%m-%d}"]
        if day.slug != default_slug(day.title):
            out.append(f"slug: {day.slug}")
        _intro(out, day.intro)
        for talk in day.talks:
            _talk(out, talk, image_path)
    return "\n".join(out) + "\n"


def _talk(out, talk, image_path):
    out += ["", f"## {_heading(talk.title)}"]
    meta = [
        ("slug", talk.slug if talk.slug != default_slug(talk.title) else ""),
        ("speakers", ", ".join(talk.speakers)),
        ("kind", talk.kind if talk.kind != "talk" else ""),
        ("time", _times(talk.start_time, talk.end_time)),
        ("room", talk.room),
        ("language", talk.language),
        *notes_keys.write_talk_keys(talk),
        ("tags", ", ".join(talk.tags)),
        ("summary", talk.summary),
    ]
    out += [f"{key}: {_one_line(value)}" for key, value in meta if value]
    for block in talk.body:
        out += [""] + write_block(block, image_path)
    for lt in talk.lightning:
        out += ["", f"### Lightning talk: {_heading(lt.title)}"]
        if lt.speaker:
            out.append(f"speaker: {_one_line(lt.speaker)}")
        for block in lt.notes:
            out += [""] + write_block(block, image_path)


def write_block(block, image_path=None) -> list[str]:
    """The Markdown lines of one body block."""
    image_path = image_path or (lambda ref: ref.path)
    value = block.value
    if block.type == "paragraph":
        text = _paragraph(value)
        return text.split("\n") if text else []
    if block.type == "divider":
        return ["---"]
    if block.type == "heading":
        return ["#" * (int(value["level"][1]) + 1) + " " + _heading(value["text"])]
    if block.type == "quote":
        return _quote(value)
    if block.type == "list":
        return _list(value, image_path)
    if block.type == "code":
        return _code(value)
    if block.type == "image":
        lines = [_image(value["image"], image_path)]
        lines += [f"{key}: {_one_line(value[key])}" for key in ("caption", "credit") if value.get(key)]
        if value["image"].decorative:
            lines.append("decorative: yes")
        return lines
    if block.type == "table":
        return _table(value)
    raise ValueError(f"unknown block type {block.type!r}")


def _paragraph(html):
    text = rich_text_to_markdown(html)
    # A paragraph that would read as a table caption or an image keeps its first character literal.
    return re.sub(r"^(Table)(:)|^(!)(\[)", r"\1\3\\\2\4", text)


def _quote(value):
    lines = []
    for n, paragraph in enumerate(rich_text_to_markdown(value["text"], joiner="\0").split("\0")):
        if n:
            lines.append(">")
        lines.append("> " + paragraph)
    who = value.get("speaker") or value.get("attribution") or ""
    source = value.get("source_url") or ""
    if who and source:
        lines.append(f"> — [{escape_text(who)}]({_url(source)})")
    elif who:
        lines.append(f"> — {escape_text(who)}")
    elif source:
        lines.append(f"> — <{source}>")
    return lines


def _list(value, image_path):
    """A list: each item's text after its marker, then its blocks indented under it."""
    lines = []
    numbered = value["style"] == "numbered"
    for n, item in enumerate(value["items"], start=1):
        marker = f"{n}." if numbered else "-"
        indent = " " * (len(marker) + 1)
        text = _paragraph(item["text"]).split("\n") if item["text"] else []
        lines.append(f"{marker} {text[0]}" if text else marker)
        lines += [indent + line for line in text[1:]]
        previous = "text" if text else None
        for block in item["blocks"]:
            # A sub-list may follow the item's text directly; anything else needs a blank line before it.
            if previous is not None and not (block.type == "list" and previous == "text"):
                lines.append("")
            lines += [indent + line if line else "" for line in write_block(block, image_path)]
            previous = block.type
    return lines


def _code(value):
    code = value["code"] if value["code"].endswith("\n") else value["code"] + "\n"
    caption = _one_line(value.get("caption") or "")
    fence_char = "~" if "`" in caption else "`"
    longest = max((len(run) for run in re.findall(re.escape(fence_char) + "+", code)), default=0)
    fence = fence_char * max(3, longest + 1)
    info = value["language"] + (f" {caption}" if caption else "")
    return [fence + info] + code[:-1].split("\n") + [fence]


def _table(value):
    def heading_row(cells):
        return "| " + " | ".join(escape_text(cell, extra="|") if cell else "" for cell in cells) + " |"

    def row(cells):
        # A cell is one line: its paragraphs are joined by <br> (read back as paragraph breaks).
        return "| " + " | ".join(_cell(cell) for cell in cells) + " |"

    lines = [f"Table: {_one_line(value['caption'])}", "", heading_row(value["header"])]
    lines.append("| " + " | ".join("---" for _ in value["header"]) + " |")
    lines += [row(cells) for cells in value["rows"]]
    return lines


def _cell(html):
    text = rich_text_to_markdown(html or "", joiner="<br>")
    # A | inside a cell ends it, even in inline code: GitHub's tables take \| there too.
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def _image(ref, image_path):
    return f"![{escape_text(ref.alt) if ref.alt else ''}]({_url(image_path(ref))})"


def _url(url):
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _heading(text):
    text = escape_text(text)
    return text[:-1] + "\\#" if text.endswith("#") else text


def _yaml(value):
    """A front matter value that YAML reads back as exactly this text."""
    value = _one_line(value)
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def _one_line(value):
    return re.sub(r"\s+", " ", str(value)).strip()


def _times(start, end):
    if not start:
        return ""
    return f"{start:%H:%M}" + (f"–{end:%H:%M}" if end else "")


def _intro(out, html):
    text = rich_text_to_markdown(html, joiner="\n\n")
    if text:
        out += ["", text]
