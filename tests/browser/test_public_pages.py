"""Every kind of public page passes axe-core's WCAG 2.2 AA and best-practice rules, on a desktop and a phone."""

import pytest

from conference.models import DayPage, EventPage, Speaker, TalkPage

from .axe import axe_violations, describe
from .conftest import VIEWPORTS


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
        ("page not found", "/no-such-page/"),
    ]


def load_every_image(page):
    """Images load lazily: scroll to the end so that every one is fetched and laid out."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("[...document.images].every(img => img.complete)")
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("viewport", VIEWPORTS.keys())
def test_every_kind_of_public_page_has_no_axe_violations(open_page, shared_demo, viewport):
    page = open_page(VIEWPORTS[viewport])
    report = []
    for name, path in public_pages(shared_demo):
        response = page.goto(path)
        assert response.status == (404 if name == "page not found" else 200), f"{name} ({path})"
        load_every_image(page)
        report.append(describe(axe_violations(page), where=f"{name} ({path}): "))

    problems = "\n".join(line for line in report if line)
    assert not problems, f"axe-core found problems at the {viewport} width:\n{problems}"


def test_the_every_block_talk_really_has_every_block(open_page, shared_demo):
    page = open_page()
    page.goto(shared_demo.url)
    body = page.locator(".talk-body")

    assert body.locator("figure.block-quote blockquote").count() == 2
    assert body.locator("ol.block-list li ol.block-list li ol.block-list").count() == 1  # three levels
    assert body.locator(".code-block [role=region][tabindex='0']").count() == 2
    assert body.locator(".block-image img[alt]:not([alt=''])").count() == 1
    assert body.locator(".block-image img[alt='']").count() == 1  # the decorative image
    assert body.locator("table caption").all_text_contents() == ["Web test automation tools"]
    assert [body.locator(level).count() for level in ("h2", "h3", "h4")] == [2, 1, 1]
    # Uploaded images are served, so the scans see them laid out as readers do.
    load_every_image(page)
    assert page.evaluate("[...document.images].every(img => img.naturalWidth > 0)")
