"""The schedule's pages in Chromium: the demo day's timetable, "All talks", a tag page.

axe and IBM Equal Access at 1280 and 390 px.
"""

import pytest

from conference.models import DayPage, EventPage

from .ace import Findings

# The brief's two widths: a desktop and a current phone (390 px, e.g. an iPhone 14).
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def schedule_pages():
    event = EventPage.objects.get()
    day = DayPage.objects.child_of(event).order_by("path").first()
    return [
        ("day timetable", day.url),
        ("all talks", f"{event.url}talks/"),
        ("all talks, filtered", f"{event.url}talks/?room=Room+B&kind=talk"),
        ("tag", "/tags/community/"),
    ]


@pytest.mark.parametrize("width", WIDTHS.keys())
def test_schedule_pages_have_no_axe_or_ibm_equal_access_violations(open_page, demo, width):
    page = open_page(WIDTHS[width])
    findings = Findings()
    for name, path in schedule_pages():
        assert page.goto(path).status == 200, name
        findings.check(page, f"{name} ({path})")
    findings.assert_none(f"at {width} width")


def test_the_demo_day_is_a_timetable_on_a_desktop_and_a_list_on_a_phone(open_page, demo):
    day = DayPage.objects.order_by("path").first()
    desktop, phone = open_page(WIDTHS["desktop"]), open_page(WIDTHS["phone"])
    desktop.goto(day.url)
    phone.goto(day.url)

    table = desktop.locator("table.timetable")
    assert table.is_visible()
    assert table.locator("thead th").all_inner_texts() == ["Time", "Main hall", "Room B"]
    assert desktop.locator(".timetable-list").is_hidden()
    assert phone.locator("table.timetable").is_hidden()
    first = phone.locator(".timetable-list li").first
    assert first.is_visible() and "09:00" in first.inner_text() and "Orientation" in first.inner_text()
    # The grid scrolls sideways by keyboard when it is wider than the screen: a region that is a tab
    # stop while it scrolls (static/js/scroll-regions.js; test_public_pages checks the switching).
    assert desktop.locator(".timetable-grid [role=region][data-scroll-region]").count() == 1
