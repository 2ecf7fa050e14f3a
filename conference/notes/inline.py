"""Inline Markdown: to plain text, to Wagtail rich text, and back.

Paragraphs, list items, quotes and table cells are rich text with the
paragraph editor's features (bold, italic, links, inline code, keyboard keys,
superscript, subscript). Headings, captions, attributions and column headings
stay plain text in Wagtail, so formatting there is an error rather than
something silently dropped; a backslash keeps a character literal (`\\*`).

Raw HTML is never stored: a small inline subset is read as the formatting it
means (`<kbd>`, `<code>`, `<br>`, `<sub>`, `<sup>`, `<em>`/`<i>`,
`<strong>`/`<b>`, `<a href>`), empty elements are dropped with a warning, and
any other tag is an error naming its line. Bare URLs become links (linkify).
"""

import re
from html import escape
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from .spec import Problem

# CommonMark plus GFM tables and bare-URL links; raw HTML is read (see above), never let through.
MD = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "linkify"])
# Only URLs with a scheme or www.: "models.py" or "example.com" in running text stay text.
MD.linkify.set({"fuzzy_link": False, "fuzzy_email": False})

PLAIN_HINT = (
    "this field is plain text: write it without Markdown formatting, "
    "or put a backslash before the character to keep it, e.g. \\* or \\`"
)
PAGE_LINK = re.compile(r"^page:(\d+)$")
# Raw HTML tags read as formatting: tag -> the rich text tag stored.
HTML_TAGS = {
    "em": "i",
    "i": "i",
    "strong": "b",
    "b": "b",
    "code": "code",
    "kbd": "kbd",
    "sub": "sub",
    "sup": "sup",
    "a": "a",
}
HTML_TAG = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^>]*)?)>$", re.S)
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
HTML_HINT = "write it in Markdown; the HTML read is <kbd>, <code>, <br>, <sub>, <sup>, <em>, <strong> and <a href>"
MARKUP_NAMES = {"code_inline": "`", "image": "![…](…)", "html_inline": "HTML"}


def _markup(token) -> str:
    if token.type in MARKUP_NAMES:
        return MARKUP_NAMES[token.type]
    return token.markup or token.type


def plain_text(children, line: int, what: str, problems: list[Problem], newline: str = " ", warn=False) -> str:
    """The text of inline tokens that must carry no formatting.

    Every formatting mark in the text is named in one problem (an error, or a
    warning with `warn` when the formatting is dropped and its text kept).
    A bare URL (linkify) is text here.
    """
    parts, marks = [], []
    for token in children or []:
        if token.type in ("text", "code_inline") and (token.type == "text" or warn):
            parts.append(token.content)
            if token.type == "code_inline":
                marks.append("`")
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(newline)
        elif token.type in ("link_open", "link_close") and token.markup == "linkify":
            continue
        else:
            if token.type.endswith("_close"):
                continue
            marks.append(_markup(token))
            if warn and token.type == "image":
                parts.append(token.content)
    if marks:
        unique = ", ".join(dict.fromkeys(marks))
        if warn:
            problems.append(Problem(line, f"the formatting of {what} is dropped ({unique})", PLAIN_HINT, True))
        else:
            problems.append(Problem(line, f"{what} cannot hold formatting ({unique})", PLAIN_HINT))
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


class _RichText:
    """Builds rich text HTML from inline tokens, collecting every problem of each line."""

    def __init__(self, line, problems, validate_link):
        self.out = ["<p>"]
        self.line = line
        self.problems = problems
        self.validate_link = validate_link
        self.open = []  # raw HTML tags open: (tag, index of its opening in out)
        self.bad = {}  # line -> tags not imported

    def html(self, content):
        if content.startswith("<!--"):
            return
        match = HTML_TAG.match(content.strip())
        name = match.group(2).lower() if match else ""
        if name == "br":
            self.out.append("</p><p>")
            return
        if name not in HTML_TAGS:
            self.bad.setdefault(self.line, []).append(content.strip())
            return
        tag = HTML_TAGS[name]
        if match.group(1):  # a closing tag
            if not self.open or self.open[-1][0] != tag:
                self.bad.setdefault(self.line, []).append(content.strip())
                return
            _tag, at = self.open.pop()
            if at == len(self.out) - 1:  # nothing between the tags
                self.out.pop()
                self.problems.append(
                    Problem(self.line, f"an empty <{name}> element is dropped", "remove it, or write its text", True)
                )
            else:
                self.out.append(f"</{tag}>")
            return
        if tag == "a":
            href = HREF.search(match.group(3) or "")
            href = next((g for g in href.groups() if g is not None), "") if href else ""
            if not href or not self.validate_link(href):
                self.bad.setdefault(self.line, []).append(content.strip())
                return
            self.open.append((tag, len(self.out)))
            self.out.append(f'<a href="{escape(href)}">')
            return
        self.open.append((tag, len(self.out)))
        self.out.append(f"<{tag}>")

    def finish(self):
        for tag, _at in reversed(self.open):
            self.bad.setdefault(self.line, []).append(f"<{tag}> (never closed)")
            self.out.append(f"</{tag}>")
        for line, tags in self.bad.items():
            shown = ", ".join(dict.fromkeys(tags))
            self.problems.append(Problem(line, f"HTML is not imported: {shown}", HTML_HINT))
        self.out.append("</p>")
        return "".join(self.out).replace("<p></p>", "")


def rich_text(children, line: int, problems: list[Problem]) -> str:
    """Inline tokens as Wagtail rich text HTML (one or more <p>); problems name the line they are on."""
    builder = _RichText(line, problems, MD.validateLink)
    out = builder.out
    for token in children or []:
        kind = token.type
        if kind == "text":
            out.append(escape(token.content, quote=False))
        elif kind == "softbreak":
            out.append(" ")
            builder.line += 1
        elif kind == "hardbreak":
            # The paragraph editor has no line breaks, only paragraphs.
            out.append("</p><p>")
            builder.line += 1
        elif kind in ("strong_open", "strong_close"):
            out.append("<b>" if kind.endswith("open") else "</b>")
        elif kind in ("em_open", "em_close"):
            out.append("<i>" if kind.endswith("open") else "</i>")
        elif kind in ("s_open", "s_close"):
            continue
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
        elif kind == "html_inline":
            builder.html(token.content)
        elif kind == "image":
            problems.append(
                Problem(
                    builder.line,
                    "an image inside running text",
                    "put the image on its own line, with blank lines around it",
                )
            )
        else:
            problems.append(Problem(builder.line, f"{token.content or kind!r} is not imported", HTML_HINT))
    return builder.finish()


# Writing ---------------------------------------------------------------------

_MINIMAL = re.compile(r"([\\`*\[\]<])")
_ALL_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_START = re.compile(r"^(\s*)([#>+=~-]|\d+[.)])")
_BOUNDARY_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# A URL in plain text would become a link (linkify): an escaped colon after its scheme keeps it text.
_URL_SCHEME = re.compile(r"(?i)(?<![\w\\])([a-z][a-z0-9+.-]*)(:)(?=//|[^\s]*@)")


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
    out = _URL_SCHEME.sub(r"\1\\\2", out)
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
        elif tag in ("kbd", "sub", "sup"):
            self.current.append(f"<{tag}>")
        elif tag == "a":
            self._link_start, self._link_text = len(self.current), []
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
        elif tag in ("kbd", "sub", "sup"):
            self.current.append(f"</{tag}>")
        elif tag == "a":
            text = "".join(self._link_text or [])
            if text == self._href and re.match(r"^(https?|mailto):[^\s<>]*$", text):
                # A link that shows its own address is written as an autolink, as notes write it.
                self.current[self._link_start :] = [f"<{text}>"]
            else:
                self.current.append(f"]({_link_url(self._href)})")
            self._link_text = None

    def handle_data(self, data):
        data = re.sub(r"\s+", " ", data)
        if getattr(self, "_link_text", None) is not None:
            self._link_text.append(data)
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


def _link_url(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def rich_text_to_markdown(html: str, joiner: str = "\\\n") -> str:
    """Rich text HTML as Markdown: its <p>s joined by hard breaks (a trailing \\), or by `joiner`."""
    parser = _RichTextToMarkdown()
    parser.feed(html or "")
    parser.close()
    parser._close()
    return joiner.join(parser.paragraphs)
