"""Finding and rewriting the addresses in a rendered page, without re-serialising it.

The page is scanned once with the standard library's HTML parser; every address found is an
edit at an exact offset of the original text, so what is not an address stays byte for byte as
Django rendered it. A link that cannot be kept (another event's talk, the admin) takes its list
item with it when it sits in one (a card in a listing), and is reduced to its text otherwise.
"""

import re
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser

# Attributes that hold one address, and the one that holds a list of them.
URL_ATTRIBUTES = {"href", "src", "action", "poster"}
ATTRIBUTE = re.compile(r"""\s([a-zA-Z-]+)\s*=\s*("([^"]*)"|'([^']*)')""")
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")


@dataclass
class Address:
    url: str
    tag: str
    attribute: str
    rel: str = ""
    type: str = ""
    start: int = 0  # offsets of the attribute's value (still escaped) in the page
    end: int = 0
    srcset: bool = False


@dataclass
class ScannedPage:
    addresses: list[Address] = field(default_factory=list)
    # Offsets of each <li> and <a> element, to drop or unwrap one around an address.
    items: list[tuple[int, int]] = field(default_factory=list)
    anchors: dict[int, tuple[int, int, int]] = field(default_factory=dict)  # href start -> (start, inner, end)


class _Scanner(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = [0]
        for match in re.finditer("\n", text):
            self.lines.append(match.end())
        self.page = ScannedPage()
        self.open_items: list[int] = []
        self.open_anchors: list[tuple[int, int, int | None]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self.position()
        raw = self.get_starttag_text() or ""
        values = dict(attrs)
        href_start = None
        for match in ATTRIBUTE.finditer(raw):
            name = match.group(1).lower()
            group = 3 if match.group(3) is not None else 4
            value_start, value_end = start + match.start(group), start + match.end(group)
            if name in URL_ATTRIBUTES or name == "srcset":
                address = Address(
                    url=unescape(match.group(group)).strip(),
                    tag=tag,
                    attribute=name,
                    rel=(values.get("rel") or "").lower(),
                    type=(values.get("type") or "").lower(),
                    start=value_start,
                    end=value_end,
                    srcset=name == "srcset",
                )
                self.page.addresses.append(address)
                if tag == "a" and name == "href":
                    href_start = value_start
        if tag == "li":
            self.open_items.append(start)
        elif tag == "a":
            self.open_anchors.append((start, start + len(raw), href_start))

    def handle_endtag(self, tag):
        end = self.text.find(">", self.position()) + 1
        if tag == "li" and self.open_items:
            self.page.items.append((self.open_items.pop(), end))
        elif tag == "a" and self.open_anchors:
            start, inner, href_start = self.open_anchors.pop()
            if href_start is not None:
                self.page.anchors[href_start] = (start, inner, self.position())


def scan(text: str) -> ScannedPage:
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    return scanner.page


def srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def rewrite(text: str, page: ScannedPage, new_url) -> str:
    """`text` with each address replaced by `new_url(address, url)`; None drops the link.

    A dropped link removes the innermost list item holding it, or else keeps only its text.
    """
    edits: list[tuple[int, int, str]] = []
    dropped_items: set[tuple[int, int]] = set()
    for address in page.addresses:
        urls = srcset_urls(address.url) if address.srcset else [address.url]
        replaced = address.url
        drop = False
        for url in urls:
            target = new_url(address, url)
            if target is None:
                drop = True
                break
            replaced = replaced.replace(url, target, 1) if address.srcset else target
        if not drop:
            if replaced != address.url:
                edits.append((address.start, address.end, escape(replaced)))
            continue
        item = min(
            (span for span in page.items if span[0] < address.start < span[1]),
            key=lambda span: span[1] - span[0],
            default=None,
        )
        if item is not None:
            dropped_items.add(item)
        elif address.start in page.anchors:
            start, inner, close = page.anchors[address.start]
            end = text.find(">", close) + 1
            edits.append((start, inner, ""))
            edits.append((close, end, ""))
        else:
            edits.append((address.start, address.end, ""))
    # Edits inside a dropped item go with it; a dropped item inside another dropped one too.
    outermost = [
        span
        for span in dropped_items
        if not any(o != span and o[0] <= span[0] and span[1] <= o[1] for o in dropped_items)
    ]
    edits = [e for e in edits if not any(s <= e[0] and e[1] <= t for s, t in outermost)]
    edits += [(start, end, "") for start, end in outermost]
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def css_urls(text: str) -> list[str]:
    return [match.group(2) for match in CSS_URL.finditer(text)]


def rewrite_css(text: str, new_url) -> str:
    def replace(match):
        target = new_url(match.group(2))
        return match.group(0) if target is None else f'url("{target}")'

    return CSS_URL.sub(replace, text)
