"""Reading in the browser: deep links, recordings that load on request, both colour schemes, print, tables on phones."""

import io

import pytest
from PIL import Image

from conference.factories import add_every_block_talk
from conference.models import TalkLink

from .ace import Findings
from .test_public_pages import PAGE_NOT_FOUND, WIDTHS, load_every_image, public_pages

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
# The production policy's directives that matter here (site/settings/production.py), enforced by the browser.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com"
)


def with_recording(talk):
    TalkLink.objects.create(talk=talk, kind="recording", url=YOUTUBE, sort_order=0)
    TalkLink.objects.create(talk=talk, kind="slides", url="https://example.org/slides.pdf", sort_order=1)
    return talk


def strict_csp(page, origin, violations):
    """Serve the live server's pages with the strict policy, and collect what the browser blocks."""

    def add_policy(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_CSP})

    page.route(f"{origin}/**", add_policy)
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))


# axe-core's WCAG 2.2 AA and best-practice rules and IBM's Equal Access checker (rule set
# IBM_Accessibility) on every kind of public page: on a desktop (1280 px) and the phone the IBM
# checker was asked for (390 px), in both colour schemes. Not again at the suite's other phone width
# (375 px): no rule of the site's CSS changes between 375 and 390 px (its one width breakpoint is
# 40rem, static/css/), so that scan repeated the 390 px one; the keyboard tests use 375 px.
@pytest.mark.parametrize(
    "viewport, scheme", [("desktop", "light"), ("desktop", "dark"), ("phone 390", "light"), ("phone 390", "dark")]
)
def test_every_kind_of_public_page_passes_axe_and_ibm_in_both_colour_schemes(open_page, demo, viewport, scheme):
    with_recording(demo)
    page = open_page(WIDTHS[viewport], color_scheme=scheme)
    findings = Findings()
    for name, path in public_pages(demo):
        response = page.goto(path)
        assert response.status == (404 if name == PAGE_NOT_FOUND else 200), f"{name} ({path})"
        assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
        load_every_image(page)
        findings.check(page, f"{name} ({path})")
    findings.assert_none(f"at the {viewport} width ({WIDTHS[viewport]['width']} px) in the {scheme} scheme")


def test_dark_scheme_really_changes_the_colours(open_page, demo):
    light, dark = open_page(), open_page(color_scheme="dark")
    colours = []
    for page in (light, dark):
        page.goto(demo.url)
        colours.append(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert colours == ["rgb(255, 255, 255)", "rgb(21, 22, 26)"]


def test_a_heading_link_shows_on_focus_and_hover_and_leads_to_the_section(open_page, demo):
    page = open_page()
    page.goto(demo.url)
    heading = page.locator(".talk-body h2").first
    anchor = page.locator(".talk-body .heading-anchor").first
    assert anchor.evaluate("a => getComputedStyle(a).opacity") == "0"
    anchor.focus()
    assert anchor.evaluate("a => getComputedStyle(a).opacity") == "1"
    assert anchor.evaluate("a => document.activeElement === a")
    assert anchor.get_attribute("href") == f"#{heading.get_attribute('id')}"
    # Screen readers hear the visually-hidden text, not the "#".
    name = page.evaluate("a => a.textContent", anchor.element_handle())
    assert "Link to section: " + heading.inner_text() in name
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    heading.hover()
    assert anchor.evaluate("a => getComputedStyle(a).opacity") == "1"
    anchor.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{anchor.get_attribute('href')}")
    assert page.evaluate("location.hash") == anchor.get_attribute("href")


def test_a_recording_loads_its_player_only_when_asked_under_the_strict_csp(open_page, demo, live_site):
    with_recording(demo)
    page, blocked, asked = open_page(), [], []
    strict_csp(page, live_site.url, blocked)

    def player(route):  # no network here: the player's host answers with a stand-in page
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>player</title><p>the player</p>")

    page.route("https://www.youtube-nocookie.com/**", player)
    page.goto(demo.url)
    assert page.locator("iframe").count() == 0
    assert asked == []  # nothing from the video host before the reader asks
    poster = page.locator("a.recording__poster")
    assert poster.get_attribute("href") == YOUTUBE
    poster.click()
    frame = page.locator("section.recordings iframe")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert frame.get_attribute("title").startswith("YouTube player: Recording of")
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert page.url.endswith(demo.url)  # the click did not leave the page
    page.frame_locator("section.recordings iframe").locator("text=the player").wait_for()
    assert asked == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"]
    # The script ran under the policy, and the policy did not block the player's origin.
    assert not [text for text in blocked if "script" in text or "frame" in text], blocked


def test_without_javascript_the_recording_is_a_link_to_the_video(open_page, demo):
    with_recording(demo)
    page = open_page(java_script_enabled=False)
    page.route("https://www.youtube.com/**", lambda route: route.fulfill(status=200, body="the video page"))
    page.goto(demo.url)
    page.locator("a.recording__poster").click()
    page.wait_for_url(YOUTUBE)
    assert "the video page" in page.content()


def test_printing_shows_the_notes_alone_with_link_addresses(open_page, demo):
    with_recording(demo)
    page = open_page()
    page.goto(demo.url)
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-search", ".site-footer", ".talk-pager", ".breadcrumbs", ".heading-anchor"):
        hidden = page.locator(selector).evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none')")
        assert hidden, selector
    assert page.locator("h1").is_visible() and page.locator(".talk-body").is_visible()
    slides = page.locator(".talk-links a", has_text="Slides")
    after = slides.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == '" (" attr(href) ")"' or "https://example.org/slides.pdf" in after
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


def test_a_wide_table_on_a_phone_shows_that_it_scrolls(open_page, demo):
    columns = [{"type": "text", "heading": f"Column {n}"} for n in range(8)]
    rows = [{"values": [f"Row {r}"] + [f"A long cell value {r}-{c}" for c in range(7)]} for r in range(3)]
    wide = add_every_block_talk(
        body=[{"type": "table", "value": {"caption": "Wide", "columns": columns, "rows": rows}}],
        slug="wide-table",
        title="A wide table",
    )
    page = open_page(WIDTHS["phone 390"])
    page.goto(wide.url)
    region = page.locator(".table-scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")

    def edge_darkness():
        box = region.bounding_box()
        shot = Image.open(io.BytesIO(page.screenshot(clip=box))).convert("L")
        y = int(box["height"] * 0.75)  # in the rows, below the header's shaded cells
        return 255 - shot.getpixel((2, y)), 255 - shot.getpixel((int(box["width"]) - 3, y))

    left, right = edge_darkness()
    assert right > 40 and left < 10, (left, right)  # a shadow on the right: more to see that way
    region.evaluate("r => r.scrollLeft = r.scrollWidth")
    left, right = edge_darkness()
    assert left > 40 and right < 10, (left, right)
