"""The exported demo archive, crawled over HTTP from a static file server as a reader's browser would."""

import zipfile
from types import SimpleNamespace
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup

from tests.test_page_structure import layout_problems

from .conftest import EVENT, OUTSIDERS, PAGE_TYPES, read

# The archive is built in a session fixture; the mark makes pytest-django set up the test database for it.
pytestmark = pytest.mark.django_db

LINK_ATTRIBUTES = ("href", "src", "action")


def links_of(document):
    for element in document.find_all(True):
        for attribute in LINK_ATTRIBUTES:
            if element.get(attribute):
                yield element.get(attribute)
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                yield candidate.split()[0]


def crawl(start, contents=None):
    """{page URL: its links} for every HTML page reachable from `start` inside the archive; each
    page's body goes in `contents` (by URL) when given."""
    pages, queue, statuses = {}, [start], {}
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        response = requests.get(url, timeout=10)
        statuses[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.headers["Content-Type"]:
            continue
        links = list(links_of(BeautifulSoup(response.text, "html.parser")))
        pages[url] = links
        if contents is not None:
            contents[url] = response.content
        for link in links:
            target = urldefrag(urljoin(url, link)).url.split("?")[0]
            if target.startswith(start) and target.endswith((".html", "/")) and target not in pages:
                queue.append(target)
    return pages


@pytest.fixture(scope="module")
def _crawl(archive_server):
    contents = {}
    return crawl(archive_server, contents), contents


@pytest.fixture
def crawled(_crawl):
    """{page URL: its links} of the archive's crawl over HTTP (once per module)."""
    return _crawl[0]


@pytest.fixture
def crawled_pages(_crawl):
    """{page URL: its body as served} of the same crawl."""
    return _crawl[1]


def test_every_internal_link_of_every_page_resolves(archive_server, crawled):
    targets = {
        urldefrag(urljoin(page, link)).url.split("?")[0]
        for page, links in crawled.items()
        for link in links
        if urlsplit(urljoin(page, link)).netloc == urlsplit(archive_server).netloc
    }
    broken = {target: requests.get(target, timeout=10).status_code for target in sorted(targets)}

    assert {target: status for target, status in broken.items() if status != 200} == {}
    # The crawl met every kind of page, their calendars, schedule files, CSS and images.
    assert {archive_server + file for file in PAGE_TYPES.values()} <= set(crawled)
    assert len(crawled) >= 80
    assert any(t.endswith(f"{EVENT}/schedule.json") for t in targets)
    assert any(t.endswith(f"{EVENT}/schedule.xml") for t in targets)
    assert any(t.endswith(".ics") for t in targets)
    assert any(t.endswith(".png") for t in targets)
    assert any(t.endswith("site.css") for t in targets)


def test_no_page_links_to_the_admin_or_the_live_site(crawled):
    bad = {
        (page, link)
        for page, links in crawled.items()
        for link in links
        if "/admin/" in link or urlsplit(link).hostname in ("localhost", "testserver")
    }

    assert bad == set()


def test_every_page_has_the_sites_accessible_skeleton(crawled, crawled_pages):
    problems = {}
    for page in crawled:
        response = SimpleNamespace(status_code=200, content=crawled_pages[page])
        if found := layout_problems(response):
            problems[page] = found

    assert problems == {}


def test_drafts_private_pages_and_other_events_never_appear(demo_archive):
    folder, archive = demo_archive
    texts = {
        path.relative_to(folder).as_posix(): path.read_text(errors="ignore")
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in (".html", ".ics", ".json", ".xml", ".js")
    }
    leaks = {(what, file) for file, text in texts.items() for what, title in OUTSIDERS.items() if title in text}

    assert leaks == set()
    # The speaker of another event and the private talk shared a tag with the demo: that tag page stays, without them.
    assert "Using database triggers" in read(folder, "tags/postgresql/index.html")
    assert not any(name.startswith("speakers/otto") for name in zipfile.ZipFile(archive).namelist())


def test_the_zip_holds_the_whole_archive_in_under_5_mb(demo_archive):
    folder, archive = demo_archive
    names = set(zipfile.ZipFile(archive).namelist())

    assert archive.stat().st_size < 5 * 1024 * 1024
    assert {"index.html", "404.html", "search/index.html", "pagefind/pagefind.js"} <= names
    assert names == {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_the_site_search_form_points_at_the_archives_search_page(demo_archive):
    folder, _zip = demo_archive
    document = BeautifulSoup(read(folder, PAGE_TYPES["talk"]), "html.parser")

    assert document.select_one("form.site-search")["action"] == "../../../search/index.html"
    assert document.find("main").has_attr("data-pagefind-body")
