"""Inline Markdown: to plain text, to Wagtail rich text, and back.

Talk bodies keep structure in blocks, so inline formatting exists only in
paragraphs (bold, italic, links, inline code: the paragraph editor's
features). Everything else (list items, quote text, headings, table cells)
is plain text in Wagtail, so formatting there is an error rather than
something silently dropped; a backslash keeps a character literal (`\\*`).
"""

import re
from html import escape
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from .spec import Problem

# CommonMark plus GFM tables; no raw HTML is let through to the site.
MD = MarkdownIt("commonmark", {"html": True}).enable("table")

PLAIN_HINT = (
    "this field is plain text: write it without Markdown formatting, "
    "or put a backslash before the character to keep it, e.g. \\* or \\`"
)
PAGE_LINK = re.compile(r"^page:(\d+)$")


def plain_text(children, line: int, what: str, problems: list[Problem], newline: str = " ") -> str:
    """The text of inline tokens that must carry no formatting."""
    parts = []
    for token in children or []:
        if token.type == "text":
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(newline)
        else:
            markup = token.markup or token.type
            problems.append(Problem(line, f"{what} cannot hold formatting ({markup!s})", PLAIN_HINT))
            return ""
    return "".join(parts)


def split_lines(children):
    """Inline tokens split at soft and hard line breaks."""
    lines = [[]]
    for token in children or []:
        if token.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(token)
    return lines


def rich_text(children, line: int, problems: list[Problem]) -> str:
    """Paragraph inline tokens as Wagtail rich text HTML (one or more <p>)."""
    out = ["<p>"]
    for token in children or []:
        kind = token.type
        if kind == "text":
            out.append(escape(token.content, quote=False))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            # The paragraph editor has no line breaks, only paragraphs.
            out.append("</p><p>")
        elif kind in ("strong_open", "strong_close"):
            out.append("<b>" if kind.endswith("open") else "</b>")
        elif kind in ("em_open", "em_close"):
            out.append("<i>" if kind.endswith("open") else "</i>")
        elif kind == "code_inline":
            out.append(f"<code>{escape(token.content, quote=False)}</code>")
        elif kind == "link_open":
            href = token.attrs.get("href", "")
            page = PAGE_LINK.match(href)
            if page:
                out.append(f'<a id="{page.group(1)}" linktype="page">')
            else:
                out.append(f'<a href="{escape(href)}">')
        elif kind == "link_close":
            out.append("</a>")
        elif kind == "image":
            problems.append(
                Problem(
                    line, "an image inside a paragraph", "put the image on its own line, with blank lines around it"
                )
            )
        else:
            problems.append(
                Problem(line, f"{token.content or kind!r} is not imported", "write it in Markdown, not HTML")
            )
    out.append("</p>")
    return "".join(out).replace("<p></p>", "")


# Writing ---------------------------------------------------------------------

_MINIMAL = re.compile(r"([\\`*\[\]<])")
_ALL_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_START = re.compile(r"^(\s*)([#>+=~-]|\d+[.)])")
_BOUNDARY_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def _inline_text(source: str) -> str | None:
    tokens = MD.parseInline(source)
    children = tokens[0].children if tokens else []
    if any(t.type != "text" for t in children):
        return None
    return "".join(t.content for t in children)


def escape_text(text: str, extra: str = "") -> str:
    """Markdown for `text` that reads back as exactly `text` (one line).

    Escapes as little as it can for readability, checks the result with the
    parser itself, and escapes every punctuation character when that fails.
    """
    out = _MINIMAL.sub(r"\\\1", text)
    out = _BOUNDARY_UNDERSCORE.sub(r"\\_", out)
    out = _ENTITY.sub(r"\\&", out)
    for char in extra:
        out = out.replace(char, "\\" + char)
    out = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), out)
    if text.strip() != text or _inline_text(out) != text:
        out = _ALL_PUNCT.sub(r"\\\1", text)
    return out


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


class _RichTextToMarkdown(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = []
        self.current: list[str] = []
        self.in_code = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p":
            self._close()
        elif tag in ("b", "strong"):
            self.current.append("**")
        elif tag in ("i", "em"):
            self.current.append("*")
        elif tag == "code":
            self.in_code = True
            self.current.append("\0code")
        elif tag == "a":
            self.current.append("[")
            if attrs.get("linktype") == "page":
                self._href = f"page:{attrs.get('id', '')}"
            else:
                self._href = attrs.get("href", "")
        elif tag == "br":
            self._close()

    def handle_endtag(self, tag):
        if tag == "p":
            self._close()
        elif tag in ("b", "strong"):
            self.current.append("**")
        elif tag in ("i", "em"):
            self.current.append("*")
        elif tag == "code":
            self.in_code = False
            start = len(self.current) - 1 - self.current[::-1].index("\0code")
            code = "".join(self.current[start + 1 :])
            fence = "`" * (max((len(r) for r in re.findall("`+", code)), default=0) + 1)
            pad = " " if code.startswith("`") or code.endswith("`") else ""
            self.current[start:] = [f"{fence}{pad}{code}{pad}{fence}"]
        elif tag == "a":
            self.current.append(f"]({self._href})")

    def handle_data(self, data):
        data = re.sub(r"\s+", " ", data)
        if self.in_code or not data.strip():
            self.current.append(data)
            return
        core = data.strip()
        start = data[: len(data) - len(data.lstrip())]
        end = data[len(data.rstrip()) :]
        self.current.append(start + escape_text(core) + end)

    def _close(self):
        text = "".join(self.current).strip()
        if text:
            self.paragraphs.append(text)
        self.current = []


def rich_text_to_markdown(html: str, joiner: str = "\\\n") -> str:
    """Rich text HTML as Markdown: its <p>s joined by hard breaks (a trailing \\), or by `joiner`."""
    parser = _RichTextToMarkdown()
    parser.feed(html or "")
    parser.close()
    parser._close()
    return joiner.join(parser.paragraphs)
