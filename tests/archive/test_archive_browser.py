"""The exported demo archive in Chromium: axe on every kind of page, and search, over HTTP and from disk."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations, describe

from .conftest import PAGE_TYPES, STRICT_CSP

pytestmark = pytest.mark.django_db
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
TALK = "Using database triggers to reliably track model history"


@pytest.fixture
def new_page(browser):
    contexts = []

    def new_page(viewport=WIDTHS["desktop"]):
        context = browser.new_context(viewport=viewport, reduced_motion="reduce")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.csp_errors = []
        page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
        return page

    yield new_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_kind_of_archive_page_has_no_axe_violations(new_page, archive_server, width):
    page = new_page(WIDTHS[width])
    report = []
    for name, file in {**PAGE_TYPES, "search results": "search/index.html?q=django"}.items():
        page.goto(archive_server + file)
        if name == "search results":
            page.locator("#archive-search-results li").first.wait_for()
        report.append(describe(axe_violations(page), where=f"{name} ({file}): "))

    assert "".join(report) == ""
    assert page.csp_errors == []


def search_with_keyboard(page, words):
    """Search as a keyboard user: the header's search field, typed into, Enter."""
    page.locator("#site-search-q").focus()
    page.keyboard.type(words)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/index.html?q=*")


def test_search_over_http_finds_the_talk_with_pagefind_under_a_strict_csp(new_page, archive_server):
    page = new_page()
    page.goto(archive_server + PAGE_TYPES["day"])
    pagefind_requests = []
    page.on("request", lambda r: "/pagefind/" in r.url and pagefind_requests.append(r.url))

    search_with_keyboard(page, "pghistory")

    expect(page.get_by_role("status")).to_contain_text("found for “pghistory”")
    results = page.get_by_role("list", name="Search results").get_by_role("link")
    assert TALK in results.all_inner_texts()
    assert any(url.endswith("pagefind.js") for url in pagefind_requests)
    # Pagefind's own excerpts (the from-disk index has none) mark the word found.
    expect(page.locator("#archive-search-results mark").first).to_contain_text("pghistory")
    assert page.csp_errors == []

    results.filter(has_text=TALK).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TALK)


def test_search_from_disk_finds_the_talk(new_page, demo_archive):
    folder, _zip = demo_archive
    page = new_page()
    page.goto((folder / PAGE_TYPES["event"]).as_uri())

    search_with_keyboard(page, "pghistory")

    expect(page.get_by_role("status")).to_contain_text("found for “pghistory”.")
    results = page.get_by_role("list", name="Search results").get_by_role("link")
    expect(results.first).to_have_text(TALK)  # the talk itself before the pages that list it
    results.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TALK)
    assert page.url.startswith("file://")
    # Images and CSS load from disk too.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != ""
    assert page.evaluate("[...document.images].every(image => image.complete && image.naturalWidth > 0)")


def test_the_strict_csp_is_really_sent(archive_server):
    import requests

    assert requests.get(archive_server, timeout=10).headers["Content-Security-Policy"] == STRICT_CSP
