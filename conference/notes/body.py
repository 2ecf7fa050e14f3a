"""Body blocks in Markdown: quotes, lists, code, images, tables and paragraphs.

`BlockReader.read()` turns the tokens of one top-level Markdown block into a
`Block` whose value is what the matching TalkBodyBlock child needs, with
speakers still as names and images as `ImageRef`s (the importer resolves
them). See docs/notes-format.md for the syntax.
"""

import re

from blocks.code import LANGUAGE_LABELS
from blocks.lists import MAX_LIST_DEPTH

from .inline import plain_text, rich_text, split_lines
from .spec import Block, ImageRef, Problem

ATTRIBUTION_DASHES = ("— ", "– ", "-- ")
TABLE_CAPTION = re.compile(r"^\s*Table:\s*(.*?)\s*$")
IMAGE_KEYS = ("caption", "credit", "decorative")
META_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]*?)\s*:\s*(.*?)\s*$")
YES, NO = ("yes", "true"), ("no", "false", "")
# Common names for the curated languages, so ```py and ```sh work too.
LANGUAGE_ALIASES = {
    "": "text",
    "py": "python",
    "python3": "python",
    "sh": "bash",
    "shell": "bash",
    "zsh": "bash",
    "js": "javascript",
    "ts": "typescript",
    "yml": "yaml",
    "pgsql": "postgresql",
    "django": "html+django",
    "htmldjango": "html+django",
    "plaintext": "text",
    "txt": "text",
    "dockerfile": "docker",
}


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

    def read(self, tokens, i: int, speakers: list[str]):
        """(Block or None, index of the next top-level token)."""
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
            style = "numbered" if kind == "ordered_list_open" else "bulleted"
            items = self.items(tokens, i, style, 1)
            return Block("list", {"style": style, "items": items}, line), end
        if kind in ("fence", "code_block"):
            return self.code(token, line), i + 1
        if kind == "table_open":
            self.problem(line, "a table without a caption", "put a line `Table: what the table shows` above it")
            return None, container_end(tokens, i)
        if kind == "html_block":
            if not token.content.lstrip().startswith("<!--"):
                self.problem(line, "HTML is not imported", "write it in Markdown; HTML comments are ignored")
            return None, i + 1
        if kind == "hr":
            self.problem(line, "a thematic break (---) has no block", "leave it out, or start a section with ###")
            return None, i + 1
        self.problem(line, f"unexpected {kind}", "see docs/notes-format.md for what a talk body holds")
        return None, container_end(tokens, i) if token.nesting == 1 else i + 1

    # Paragraphs, images and table captions ----------------------------------

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
        return Block("paragraph", rich_text(children, line, self.problems), line), end

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
        if not ref.decorative and not ref.alt:
            self.problem(
                line,
                f"the image {ref.path} has no alt text",
                "describe what it shows: ![what it shows](file.png); "
                "if it is pure decoration, add a line `decorative: yes` under it",
            )
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
        paragraphs = []
        for token in tokens:
            if token.type == "inline":
                paragraphs.append(list(token.children or []))
            elif token.level == 1 and token.type not in ("paragraph_open", "paragraph_close"):
                self.problem(
                    line_of(token) or line, "a quote holds text only", "keep lists, code and images outside the quote"
                )
                return None
        attribution = source = ""
        if paragraphs:
            lines = split_lines(paragraphs[-1])
            last = lines[-1]
            if last and last[0].type == "text" and last[0].content.startswith(ATTRIBUTION_DASHES):
                attribution, source = self.attribution(last, line)
                # Drop the attribution line and the line break before it.
                paragraphs[-1] = paragraphs[-1][: len(paragraphs[-1]) - len(last) - 1]
                if not paragraphs[-1]:
                    paragraphs.pop()
        text = "\n\n".join(plain_text(p, line, "a quote", self.problems, newline="\n") for p in paragraphs)
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
        if not rest:
            return head.strip(), ""
        if rest[0].type == "link_open" and rest[-1].type == "link_close" and not head.strip():
            href = rest[0].attrs.get("href", "")
            name = plain_text(rest[1:-1], line, "a quote's attribution", self.problems)
            return ("" if rest[0].markup == "autolink" else name.strip()), href
        self.problem(
            line,
            "a quote's attribution is a name, or a name linked to the source",
            "write `— Name` or `— [Name](https://source)`",
        )
        return "", ""

    # Lists ------------------------------------------------------------------

    def items(self, tokens, i, style, depth):
        """The items of the list opened at tokens[i], as {"text", "children"} dicts."""
        line = line_of(tokens[i])
        if depth > MAX_LIST_DEPTH:
            self.problem(line, f"a list nested deeper than {MAX_LIST_DEPTH} levels", "flatten the deepest level")
            return []
        wanted = "ordered_list_open" if style == "numbered" else "bullet_list_open"
        if tokens[i].type != wanted:
            marker = "1." if style == "numbered" else "-"
            self.problem(
                line,
                "a sub-list with a different marker from its list",
                f"the site keeps one style per list: use {marker} at every level",
            )
        items, end, j = [], container_end(tokens, i), i + 1
        while j < end - 1:
            item_end = container_end(tokens, j)
            items.append(self.item(tokens, j, item_end, style, depth))
            j = item_end
        return items

    def item(self, tokens, start, end, style, depth):
        line = line_of(tokens[start])
        text, children, j = None, [], start + 1
        while j < end - 1:
            token = tokens[j]
            if token.type == "paragraph_open" and text is None and not children:
                before = len(self.problems)
                text = plain_text(tokens[j + 1].children, line_of(token), "a list item", self.problems).strip()
                text = text if len(self.problems) == before else None
                j += 3
            elif token.type in ("bullet_list_open", "ordered_list_open") and not children:
                children = self.items(tokens, j, style, depth + 1)
                j = container_end(tokens, j)
            else:
                self.problem(
                    line_of(token) or line,
                    "a list item holds one line of text and an optional sub-list",
                    "move other content out of the list",
                )
                j = container_end(tokens, j) if token.nesting == 1 else j + 1
        if text == "" or (text is None and not any(p.line == line for p in self.problems)):
            self.problem(line, "an empty list item", "write its text after the marker, or remove it")
        return {"text": text or "", "children": children}

    # Code and tables ----------------------------------------------------------

    def code(self, token, line):
        info = token.info.strip() if token.type == "fence" else ""
        name, _, caption = info.partition(" ")
        language = LANGUAGE_ALIASES.get(name.lower(), name.lower())
        if language not in LANGUAGE_LABELS:
            self.problem(line, f"unknown code language {name!r}", f"use one of: {', '.join(LANGUAGE_LABELS)}")
        return Block("code", {"language": language, "code": token.content, "caption": caption.strip()}, line)

    def table(self, tokens, line, caption):
        header, rows, row, in_head = [], [], [], False
        for token in tokens:
            if token.type in ("thead_open", "thead_close"):
                in_head = token.type == "thead_open"
            elif token.type == "tr_open":
                row = []
            elif token.type == "inline":
                row.append(plain_text(token.children, line_of(token) or line, "a table cell", self.problems).strip())
            elif token.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(row)
        if not caption:
            self.problem(line, "a table with an empty caption", "say what the table shows after `Table:`")
        if any(not heading for heading in header):
            self.problem(line, "a table column without a heading", "name every column in the header row")
        return Block("table", {"caption": caption, "header": header, "rows": rows}, line)
