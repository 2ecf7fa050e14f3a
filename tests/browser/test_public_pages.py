"""Public pages in the browser: the pages of every kind the accessibility checks visit, the talk that
uses every block, and scrolling regions. The axe-core and IBM Equal Access checks of every kind of
page, at each width and in both colour schemes, are in test_reading.py."""

from conference.models import DayPage, EventPage, Speaker, TalkPage

from .conftest import VIEWPORTS

# The widths the IBM checker was asked for (1280 and 390 px) beside the suite's phone (375 px).
WIDTHS = {**VIEWPORTS, "phone 390": {"width": 390, "height": 844}}
PAGE_NOT_FOUND = "page not found"


def public_pages(every_block_talk):
    """(name, path) for one page of every kind, from the demo."""
    lightning = TalkPage.objects.live().filter(kind="lightning").order_by("path").first()
    speaker = Speaker.objects.filter(talk_speakers__talk__live=True).order_by("name").first()
    return [
        ("home", "/"),
        ("event", EventPage.objects.get().url),
        ("day", DayPage.objects.order_by("path").first().url),
        ("talk with every block", every_block_talk.url),
        ("lightning talks", lightning.url),
        ("speaker", speaker.get_absolute_url()),
        ("speakers", "/speakers/"),
        ("search results", "/search/?q=django"),
        ("search without results", "/search/?q=zyzzyva"),
        ("accessibility statement", "/accessibility/"),
        (PAGE_NOT_FOUND, "/no-such-page/"),
    ]


def load_every_image(page):
    """Images load lazily: scroll to the end so that every one is fetched and laid out."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("[...document.images].every(img => img.complete)")
    page.evaluate("window.scrollTo(0, 0)")


def test_the_every_block_talk_really_has_every_block(open_page, demo):
    page = open_page()
    page.goto(demo.url)
    body = page.locator(".talk-body")

    assert body.locator("figure.block-quote blockquote").count() == 2
    assert body.locator("ol.block-list li ol.block-list li ol.block-list").count() == 1  # three levels
    assert body.locator(".code-block [role=region]").count() == 2
    assert body.locator(".block-image img[alt]:not([alt=''])").count() == 1
    assert body.locator(".block-image img[alt='']").count() == 1  # the decorative image
    assert body.locator("table caption").all_text_contents() == ["Web test automation tools"]
    assert [body.locator(level).count() for level in ("h2", "h3", "h4")] == [2, 1, 1]
    # Uploaded images are served, so the scans see them laid out as readers do.
    load_every_image(page)
    assert page.evaluate("[...document.images].every(img => img.naturalWidth > 0)")


TAB_STOPS_AND_OVERFLOW = """() => [...document.querySelectorAll("[data-scroll-region]")].map(el => ({
    label: el.getAttribute("aria-label") || el.getAttribute("aria-labelledby"),
    tabStop: el.getAttribute("tabindex") === "0",
    scrolls: el.scrollWidth > el.clientWidth + 1,
}))"""


def test_a_scrolling_region_is_a_tab_stop_exactly_while_its_content_is_wider_than_it(open_page, demo):
    page = open_page(WIDTHS["desktop"])
    page.goto(demo.url)
    wide = page.evaluate(TAB_STOPS_AND_OVERFLOW)
    page.set_viewport_size({"width": 320, "height": 640})  # WCAG's reflow width: the table no longer fits
    # The script's ResizeObserver runs after layout: wait until more regions scroll and the stops follow.
    settled = f"""() => {{
        const regions = ({TAB_STOPS_AND_OVERFLOW})();
        return regions.filter(r => r.scrolls).length > {sum(r["scrolls"] for r in wide)}
            && regions.every(r => r.tabStop === r.scrolls);
    }}"""
    page.wait_for_function(settled)
    narrow = page.evaluate(TAB_STOPS_AND_OVERFLOW)

    assert len(wide) == 3  # two code blocks and a table
    for region in wide + narrow:
        assert region["tabStop"] == region["scrolls"], region
    # The table fits on a desktop and scrolls at 320 px: its tab stop follows the width.
    assert any(not w["scrolls"] and n["scrolls"] for w, n in zip(wide, narrow, strict=True)), (wide, narrow)


def test_without_javascript_every_scrolling_region_stays_a_tab_stop(browser, live_site, demo):
    context = browser.new_context(viewport=WIDTHS["phone 390"], base_url=live_site.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo.url)
        regions = page.locator("[data-scroll-region]")
        assert regions.count() == 3
        assert [regions.nth(i).get_attribute("tabindex") for i in range(3)] == ["0", "0", "0"]
    finally:
        context.close()
