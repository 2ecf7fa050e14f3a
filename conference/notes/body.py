"""Body blocks in Markdown: quotes, lists, code, images, tables, dividers and paragraphs.

`BlockReader.read()` turns the tokens of one Markdown block into a `Block`
whose value is what the matching TalkBodyBlock child needs, with speakers
still as names and images as `ImageRef`s (the importer resolves them). A list
item is rich text followed by blocks read the same way, its sub-list among
them. See docs/notes-format.md for the syntax.
"""

import re

from blocks.code import canonical_language
from blocks.lists import MAX_LIST_DEPTH

from .inline import plain_text, rich_text, split_lines
from .spec import Block, ImageRef, Problem

ATTRIBUTION_DASHES = ("— ", "– ", "-- ")
TABLE_CAPTION = re.compile(r"^\s*Table:\s*(.*?)\s*$")
IMAGE_KEYS = ("caption", "credit", "decorative")
META_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]*?)\s*:\s*(.*?)\s*$")
YES, NO = ("yes", "true"), ("no", "false", "")
# A line inside a paragraph that looks like a list item: CommonMark reads it as running text.
LIST_LIKE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+\S")
# What an item may hold under its text (a talk body's blocks but headings and dividers).
ITEM_BLOCKS = ("paragraph", "quote", "list", "code", "image", "table")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
HTML_TAG = re.compile(r"<[^>]*>")


def container_end(tokens, i: int) -> int:
    """The index just after the token that closes the one opened at `i`."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j + 1
    return len(tokens)


def line_of(token) -> int:
    return token.map[0] + 1 if token.map else 0


class BlockReader:
    def __init__(self, lines: list[str], problems: list[Problem], find_image):
        self.lines = lines
        self.problems = problems
        self.find_image = find_image

    def problem(self, line, message, hint=""):
        self.problems.append(Problem(line, message, hint))

    def warning(self, line, message, hint=""):
        self.problems.append(Problem(line, message, hint, warning=True))

    def read(self, tokens, i: int, speakers: list[str], depth: int = 0):
        """(Block or None, index of the next token at this level); `depth` is the enclosing list's."""
        token = tokens[i]
        line = line_of(token)
        kind = token.type
        if kind == "paragraph_open":
            return self.paragraph(tokens, i, line)
        if kind == "blockquote_open":
            end = container_end(tokens, i)
            return self.quote(tokens[i + 1 : end - 1], line, speakers), end
        if kind in ("bullet_list_open", "ordered_list_open"):
            end = container_end(tokens, i)
            if depth + 1 > MAX_LIST_DEPTH:
                self.problem(line, f"a list nested deeper than {MAX_LIST_DEPTH} levels", "flatten the deepest level")
                return None, end
            style = "numbered" if kind == "ordered_list_open" else "bulleted"
            items = self.items(tokens, i, speakers, depth + 1)
            return Block("list", {"style": style, "items": items}, line), end
        if kind in ("fence", "code_block"):
            return self.code(token, line), i + 1
        if kind == "table_open":
            # Without a `Table:` line it has no caption: the table block's own rule says so.
            end = container_end(tokens, i)
            return self.table(tokens[i:end], line, ""), end
        if kind == "html_block":
            self.html_block(token, line)
            return None, i + 1
        if kind == "hr":
            if depth:
                self.warning(line, "a thematic break (---) inside a list item is dropped", "leave it out")
                return None, i + 1
            return Block("divider", None, line), i + 1
        self.problem(line, f"unexpected {kind}", "see docs/notes-format.md for what a talk body holds")
        return None, container_end(tokens, i) if token.nesting == 1 else i + 1

    def html_block(self, token, line):
        content = HTML_COMMENT.sub("", token.content).strip()
        if not content:
            return  # comments are ignored
        tags = list(dict.fromkeys(HTML_TAG.findall(content)))
        if not HTML_TAG.sub("", content).strip():
            self.warning(line, f"empty HTML is dropped: {content[:60]}", "remove it")
        else:
            self.problem(
                line,
                f"HTML is not imported: {', '.join(tags)[:120]}",
                "write it in Markdown; only <kbd>, <code>, <br>, <sub>, <sup>, <em>, <strong> and <a href> "
                "inside running text are read",
            )

    # Paragraphs, images and table captions ----------------------------------

    def rich(self, inline, line) -> str:
        """The rich text of a paragraph's inline token, warning about list-like continuation lines."""
        if inline.map:
            for n in range(inline.map[0] + 1, inline.map[1]):
                if LIST_LIKE.match(self.lines[n]):
                    self.warning(
                        n + 1,
                        "this line reads as a list item but continues the paragraph above, so it is "
                        "imported as running text",
                        "to make a list, put a blank line before it, and indent sub-items by as much as "
                        "their item's text",
                    )
        return rich_text(inline.children, line, self.problems)

    def paragraph(self, tokens, i, line):
        inline, end = tokens[i + 1], i + 3
        caption = TABLE_CAPTION.match(self.lines[inline.map[0]]) if inline.map else None
        if caption and end < len(tokens) and tokens[end].type == "table_open":
            if inline.map[1] - inline.map[0] > 1:
                self.problem(line, "a table caption is one line", "join the caption into one line")
            table_end = container_end(tokens, end)
            return self.table(tokens[end:table_end], line, caption.group(1)), table_end
        if caption:
            self.problem(line, "a `Table:` caption with no table after it", "put the table right under its caption")
            return None, end
        children = inline.children or []
        if children and children[0].type == "image":
            return self.image(inline, line), end
        return Block("paragraph", self.rich(inline, line), line), end

    def image_ref(self, token, line) -> ImageRef:
        path = token.attrs.get("src", "")
        ref = ImageRef(path=path, alt=token.content.strip(), line=line)
        if re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I):
            self.problem(
                line,
                f"the image {path} is not a file next to the notes",
                "nothing is downloaded: save it beside the notes and use its relative path",
            )
            return ref
        if self.find_image is None:  # reading the format only, e.g. to check the writer
            return ref
        found = self.find_image(path)
        if found is None:
            self.problem(
                line,
                f"image file not found: {path}",
                "image paths are relative to the notes file; check the name and that the file was uploaded",
            )
        elif found[1] is None:
            self.problem(line, f"{path} is not an image file", "use a PNG, JPEG, GIF or WebP image")
        else:
            ref.file, ref.sha1 = found
        return ref

    def image(self, inline, line):
        first, *rest = split_lines(inline.children)
        if len(first) != 1:
            self.problem(
                line,
                "an image shares its line with text",
                "put the image alone on its line; its caption goes on a `caption:` line below",
            )
        ref = self.image_ref(first[0], line)
        meta = self.meta_lines(inline.map[0] + 1, inline.map[1], IMAGE_KEYS, "an image")
        ref.decorative = self.flag(meta.get("decorative", ""), line, "decorative")
        if ref.decorative and ref.alt:
            self.problem(
                line,
                "an image is both decorative and has alt text",
                "keep the alt text and remove `decorative: yes`, or empty the alt text",
            )
        # Missing or unhelpful alt text is the image block's own rule (AccessibleImageBlock), reported
        # by the importer at this line; both alt text and `decorative: yes` is the format's ambiguity.
        return Block(
            "image", {"image": ref, "caption": meta.get("caption", ""), "credit": meta.get("credit", "")}, line
        )

    def flag(self, value, line, key) -> bool:
        if value.lower() in YES:
            return True
        if value.lower() not in NO:
            self.problem(line, f"{key}: {value!r} is not yes or no", f"write `{key}: yes`")
        return False

    def meta_lines(self, start, end, keys, what) -> dict[str, str]:
        """`key: value` lines start..end (0-based, end excluded), checked against `keys`."""
        found = {}
        for n in range(start, end):
            match = META_LINE.match(self.lines[n])
            key = match.group(1).lower().replace(" ", "_") if match else None
            if key not in keys:
                shown = (
                    f"unknown metadata key {key!r}"
                    if match
                    else f"{self.lines[n].strip()!r} is not a `key: value` line"
                )
                self.problem(n + 1, f"{shown} for {what}", f"known keys: {', '.join(keys)}")
            elif key in found:
                self.problem(n + 1, f"{key!r} is given twice", "keep one")
            else:
                found[key] = match.group(2)
        return found

    # Quotes -----------------------------------------------------------------

    def quote(self, tokens, line, speakers):
        inlines = []
        for token in tokens:
            if token.type == "inline":
                inlines.append(token)
            elif token.level == 1 and token.type not in ("paragraph_open", "paragraph_close"):
                self.problem(
                    line_of(token) or line, "a quote holds text only", "keep lists, code and images outside the quote"
                )
                return None
        attribution = source = ""
        paragraphs = [list(inline.children or []) for inline in inlines]
        if paragraphs:
            last = split_lines(paragraphs[-1])[-1]
            if last and last[0].type == "text" and last[0].content.startswith(ATTRIBUTION_DASHES):
                attribution_line = (inlines[-1].map[1] if inlines[-1].map else line) or line
                attribution, source = self.attribution(last, attribution_line)
                # Drop the attribution line and the line break before it.
                paragraphs[-1] = paragraphs[-1][: max(0, len(paragraphs[-1]) - len(last) - 1)]
        text = ""
        for inline, children in zip(inlines, paragraphs, strict=True):
            if children:
                text += rich_text(children, line_of(inline) or line, self.problems)
        if not text.strip():
            self.problem(line, "a quote with no text", "write the words after `> `")
        speaker = attribution if attribution in speakers else ""
        return Block(
            "quote",
            {"text": text, "attribution": "" if speaker else attribution, "speaker": speaker, "source_url": source},
            line,
        )

    def attribution(self, tokens, line):
        first = tokens[0].content
        dash = next(d for d in ATTRIBUTION_DASHES if first.startswith(d))
        rest = tokens[1:]
        head = first[len(dash) :]
        if all(t.type == "text" or t.markup == "linkify" for t in rest):
            # A name with a bare URL in it is a name: the URL stays text.
            return (head + "".join(t.content for t in rest if t.type == "text")).strip(), ""
        if rest[0].type == "link_open" and rest[-1].type == "link_close" and not head.strip():
            href = rest[0].attrs.get("href", "")
            name = plain_text(rest[1:-1], line, "a quote's attribution", self.problems)
            return ("" if rest[0].markup in ("autolink", "linkify") else name.strip()), href
        self.problem(
            line,
            "a quote's attribution is a name, or a name linked to the source",
            "write `— Name` or `— [Name](https://source)`",
        )
        return "", ""

    # Lists ------------------------------------------------------------------

    def items(self, tokens, i, speakers, depth):
        """The items of the list opened at tokens[i], as {"text", "blocks", "line"} dicts."""
        items, end, j = [], container_end(tokens, i), i + 1
        while j < end - 1:
            item_end = container_end(tokens, j)
            item = self.item(tokens, j, item_end, speakers, depth)
            if item is not None:
                items.append(item)
            j = item_end
        return items

    def item(self, tokens, start, end, speakers, depth):
        """One item: the rich text of its first paragraph, then every block after it."""
        line = line_of(tokens[start])
        text, blocks, j = "", [], start + 1
        if j < end - 1 and tokens[j].type == "paragraph_open":
            children = tokens[j + 1].children or []
            caption = TABLE_CAPTION.match(self.lines[tokens[j + 1].map[0]]) if tokens[j + 1].map else None
            starts_table = caption and j + 3 < end and tokens[j + 3].type == "table_open"
            if not starts_table and not (children and children[0].type == "image"):
                text = self.rich(tokens[j + 1], line)
                j += 3
        while j < end - 1:
            token = tokens[j]
            if token.type == "heading_open":
                self.problem(line_of(token), "a heading inside a list item", "end the list before the heading")
                j = container_end(tokens, j)
                continue
            block, j = self.read(tokens, j, speakers, depth)
            if block is not None and block.type in ITEM_BLOCKS:
                blocks.append(block)
        if not text and not blocks:
            self.warning(line, "an empty list item is dropped", "write its text after the marker, or remove it")
            return None
        return {"text": text, "blocks": blocks, "line": line}

    # Code and tables ----------------------------------------------------------

    def code(self, token, line):
        info = token.info.strip() if token.type == "fence" else ""
        name, _, caption = info.partition(" ")
        language = canonical_language(name)
        if language is None:
            self.warning(
                line,
                f"unknown code language {name!r}: the code is imported as plain text",
                "use a language Pygments knows (java, xml, kotlin, go, rust, …), or `text`",
            )
            language = "text"
        return Block("code", {"language": language, "code": token.content, "caption": caption.strip()}, line)

    def table(self, tokens, line, caption):
        header, rows, row, in_head = [], [], [], False
        for token in tokens:
            if token.type in ("thead_open", "thead_close"):
                in_head = token.type == "thead_open"
            elif token.type == "tr_open":
                row = []
            elif token.type == "inline":
                cell_line = line_of(token) or line
                if in_head:
                    # Column headings are plain text in the table block: formatting is dropped, with a warning.
                    row.append(plain_text(token.children, cell_line, "a column heading", self.problems, warn=True))
                else:
                    row.append(rich_text(token.children, cell_line, self.problems))
            elif token.type == "tr_close":
                if in_head:
                    header = [cell.strip() for cell in row]
                else:
                    rows.append(row)
        # A caption and a heading for every column are the table block's own rules (TableBlock).
        return Block("table", {"caption": caption, "header": header, "rows": rows}, line)
