"""Search without a server: Pagefind's index of the archive, and a search page that uses it.

Pagefind (the `pagefind[bin]` package, pinned: its binary ships in the wheel, nothing is
downloaded) indexes the <main> of the archive's pages. The search page is the live site's own
search page, rendered by Django, with an empty list of results that `search/archive-search.js`
fills: from Pagefind when the archive is served over HTTP, and from `search/search-index.js`
(a plain script, the same pages' text) when it is opened from disk, where browsers refuse the
module imports and fetches Pagefind needs. No inline script: the page works under a strict CSP
(`script-src 'self' 'wasm-unsafe-eval'`, the second for Pagefind's WebAssembly).
"""

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from django.template.loader import render_to_string

ASSETS = Path(__file__).parent / "assets"
SEARCH_PAGE = "search/index.html"
EXCERPT_CHARS = 4000


class ArchiveSearchError(Exception):
    pass


def add_search(folder: Path, pages: list[str]) -> None:
    """Index `folder` with Pagefind and give it a working search page."""
    for asset in ("archive-search.js", "archive-search.css"):
        shutil.copyfile(ASSETS / asset, folder / "search" / asset)
    page = folder / SEARCH_PAGE
    page.write_text(search_page(page.read_text()))
    write_fallback_index(folder, pages)
    run_pagefind(folder)


def search_page(text: str) -> str:
    """The rendered live search page, without its filters, with the archive's results list and scripts added."""
    head = render_to_string("archive/search_head.html")
    results = render_to_string("archive/search_results.html")
    text = text.replace("</head>", head + "</head>", 1)
    # The live page's filters list every event on the site; the archive holds one.
    text = re.sub(r"<!-- archive:omit -->.*?<!-- /archive:omit -->", "", text, flags=re.S)
    return re.sub(r"(\s*</div>\s*</main>)", results + r"\1", text, count=1)


def run_pagefind(folder: Path) -> None:
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(folder), "--keep-index-url", "--silent"]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise ArchiveSearchError(
            f"Pagefind could not index the archive: {completed.stderr.strip() or completed.stdout}"
        )


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []
        self.title = ""
        self.in_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif tag in ("script", "style"):
            self.skip += 1
        elif tag == "h1" and self.depth:
            self.in_h1 = True

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        elif tag in ("script", "style"):
            self.skip -= 1
        elif tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)
            if self.in_h1:
                self.title += data


def page_entry(folder: Path, page: str) -> dict:
    parser = _MainText()
    parser.feed((folder / page).read_text())
    text = " ".join(" ".join(parser.parts).split())
    return {"url": page, "title": " ".join(parser.title.split()), "text": text[:EXCERPT_CHARS]}


def write_fallback_index(folder: Path, pages: list[str]) -> None:
    entries = [page_entry(folder, page) for page in pages]
    payload = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    (folder / "search" / "search-index.js").write_text(f"window.archiveSearchIndex = {payload};\n")
