"""Our admin forms, panels and dashboard in Chromium: the editor's helps work, and axe finds nothing of ours.

Violations that come from Wagtail's own interface are an explicit allow-list below, each with its reason;
an entry that no longer matches anything fails the test, so the list cannot go stale.
"""

import datetime

import pytest
from playwright.sync_api import expect

from conference.editors import set_up_event_editing
from conference.factories import home_page, make_day, make_event, make_talk

from .axe import axe_violations, describe, split_by_allow_list

BAD_BODY = [("heading", {"level": "h2", "text": "Start"}), ("heading", {"level": "h4", "text": "Too deep"})]

# (axe rule, pattern matched against the failing element's HTML, why it is Wagtail's and not ours)
WAGTAIL_VIOLATIONS = [
    (
        "label",
        r'class="[^"]*ui-autocomplete-input',
        "The tag field (the Tags panel) is Wagtail's jQuery UI tag-it widget: its typing input has no label.",
    ),
    (
        "aria-input-field-name",
        r'class="[^"]*public-DraftEditor-content',
        "Draftail, Wagtail's rich text editor (the event's and day's intro), gives its editable area role=textbox "
        "without an accessible name.",
    ),
    (
        "aria-dialog-name",
        r'class="modal fade in"[^>]*role="dialog"',
        "Wagtail's chooser modal (here the speaker chooser, Wagtail's ChooserViewSet) has role=dialog "
        "without aria-label or aria-labelledby; its tabs and form inside are labelled.",
    ),
]


@pytest.fixture
def site(db):
    event = make_event("Axe Conf", start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 5, 2))
    day = make_day(event, title="Day 1", date=event.start_date)
    make_talk(day, title="A talk with a skipped heading", body=BAD_BODY)
    set_up_event_editing(event)
    return event, day


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("sam", password="unused-in-tests")


def test_the_talk_form_shows_lightning_talks_only_for_that_kind_and_helps_with_tables_and_lists(
    open_page, site, superuser
):
    _event, day = site
    page = open_page(user=superuser)
    page.goto(f"/admin/pages/add/conference/talkpage/{day.pk}/")
    lightning = page.locator("[data-shown-for-kind='lightning']")
    expect(lightning).to_be_hidden()
    page.locator("select[name='kind']").select_option("lightning")
    expect(lightning).to_be_visible()
    page.locator("select[name='kind']").select_option("talk")
    expect(lightning).to_be_hidden()

    page.locator("#body-root button[title='Insert a block']").last.click()
    page.get_by_role("option", name="Table", exact=True).click()
    table = page.locator(".typed-table-block")
    expect(table.locator("label[for$='-caption'] .w-required-mark")).to_have_text("*")
    table.get_by_role("button", name="Add column").click()
    expect(page.locator("[name='body-0-value-column-0-heading']")).to_be_visible()
    expect(table.locator(".add-column-menu")).to_be_hidden()

    page.locator("#body-root button[title='Insert a block']").last.click()
    page.get_by_role("option", name="List", exact=True).click()
    item_text = page.locator("[name='body-1-value-items-0-value-text']").locator("xpath=..")
    expect(item_text.locator("[contenteditable=true]")).to_be_visible()
    expect(page.get_by_role("button", name="Add under this item").first).to_be_visible()


def axe_on(page, url, ready):
    page.goto(url)
    expect(ready(page)).to_be_visible()
    page.wait_for_load_state("networkidle")
    return [{**v, "url": url} for v in axe_violations(page)]


def test_our_forms_panels_and_dashboard_have_no_axe_violations(open_page, site, superuser, tmp_path):
    event, day = site
    page = open_page(user=superuser)
    violations = []
    violations += axe_on(
        page, f"/admin/pages/add/conference/eventpage/{home_page().pk}/", lambda p: p.get_by_text("About events").first
    )
    violations += axe_on(
        page, f"/admin/pages/add/conference/daypage/{event.pk}/", lambda p: p.get_by_text("About days").first
    )
    violations += axe_on(
        page,
        f"/admin/pages/add/conference/talkpage/{day.pk}/",
        lambda p: p.get_by_text("What makes a good talk page").first,
    )
    page.get_by_role("button", name="Add speaker").click()
    page.get_by_role("button", name="Choose a speaker").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Create a new speaker").click()
    expect(modal.get_by_label("Name")).to_be_visible()
    # The modal fades in: checked mid-transition, its buttons' colours are blends that fail contrast.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    violations += axe_violations(page)
    violations += axe_on(page, "/admin/", lambda p: p.get_by_role("heading", name="Pages with accessibility problems"))
    violations += axe_on(
        page, f"/admin/conference/events/{event.pk}/team/", lambda p: p.get_by_role("heading", name="Add someone")
    )
    violations += axe_on(page, "/admin/notes/format/", lambda p: p.locator(".notes-format-doc h1"))

    notes = tmp_path / "n.md"
    notes.write_text(
        "---\nname: Axe Notes\nslug: axe-notes\ndates: 2024-06-03 to 2024-06-03\nlocation: Lyon\n---\n\n"
        "# Only day\ndate: 2024-06-03\n\n## Previewed talk\nkind: talk\n\nA paragraph.\n"
    )
    page.goto("/admin/notes/import/")
    page.get_by_label("Notes file").set_input_files(notes)
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("iframe.notes-import-frame")).to_be_visible()
    violations += axe_violations(page)

    unexplained, unused = split_by_allow_list(violations, WAGTAIL_VIOLATIONS)
    assert not unexplained, "axe-core found problems in our admin:\n" + describe(unexplained)
    assert not unused, f"allow-listed Wagtail violations that no longer occur (remove them): {unused}"
