"""The admin an editor would choose, end to end in Chromium.

A site admin creates an event (its editors group and review workflow appear at once) and adds an editor
to its team; the editor adds a day without typing a title, starts a talk and leaves it (no page is left
behind), writes a talk with a new speaker made from the talk form, meets a slug clash on the title field
in view, submits with a skipped heading level and fixes it in place; the admin approves it, imports a notes
file with one warning and sees the warning (with its line) and the talk rendered before confirming, and
exports the event as a ZIP.
"""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import WorkflowPage

from conference.editors import REVIEW_WORKFLOW
from conference.factories import PASSWORD, home_page
from conference.models import DayPage, EventPage, Speaker, TalkPage

from .test_editor_journey import SUBMIT, add_block, field, log_in, press_in_actions_menu

EVENT = "Journey Conf 2024"
TALK = "Tested journeys"
SPEAKER = "Margaret Hamilton"
SKIPPED = "The heading “Details” is an h4, which skips a level after the heading before it (h2)."
NOTES = """---
name: Notes Camp 2024
slug: notes-camp-2024
dates: 2024-06-03 to 2024-06-03
location: Lyon, France
---

# Only day
date: 2024-06-03

## Imported and previewed
kind: talk
summary: A talk that the preview renders before it exists.

A paragraph the reader will see.

```klingon
Qapla'
```
"""
# The notes' one warning: Pygments knows no "klingon", so line 17's code is imported as plain text.
NOTES_WARNING = "notes-camp.md:17 warning: unknown code language 'klingon': the code is imported as plain text"

# Whether Wagtail's unsaved-changes checker (its Stimulus controller `w-unsaved` on the editor's
# form) has set the property named by the argument: waited for instead of sleeping past its delays.
# With `check` true, it first runs the checker's own check, as its timer does every 500 ms: on a
# busy machine the timer alone once took over 20 s to come round.
UNSAVED_CHECKER = """([property, check]) => {
    const form = document.querySelector('[data-controller~="w-unsaved"]');
    const checker = form && window.wagtail.app.getControllerForElementAndIdentifier(form, "w-unsaved");
    if (checker && check) checker.check();
    return Boolean(checker && checker[property]);
}"""


@pytest.fixture
def people(django_user_model, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500  # Wagtail's default: autosave is on, as for a real editor
    admin = django_user_model.objects.create_superuser("sam", "sam@example.org", PASSWORD)
    editor = django_user_model.objects.create_user("ada", "ada@example.org", PASSWORD)
    return admin, editor


def test_an_editor_goes_from_a_new_event_to_an_exported_zip(people, live_site, new_page, journey, tmp_path):
    base = live_site.url
    admin_page = new_page()
    page_errors = []
    admin_page.on("pageerror", lambda error: page_errors.append(str(error)))
    home = home_page()

    with journey.step("the admin creates an event: its groups and workflow appear", admin_page):
        log_in(admin_page, base, "sam")
        admin_page.goto(f"{base}/admin/pages/add/conference/eventpage/{home.pk}/")
        expect(admin_page.get_by_role("heading", name="About events")).to_be_visible()
        admin_page.get_by_placeholder("Page title*").fill(EVENT)
        field(admin_page, "start_date").fill("2024-05-01")
        field(admin_page, "end_date").fill("2024-05-03")
        field(admin_page, "location").fill("Lisbon, Portugal")
        press_in_actions_menu(admin_page, "Publish")
        expect(admin_page.get_by_text(f"Page '{EVENT}' created and published.")).to_be_visible()
        event = EventPage.objects.get(title=EVENT)
        editors = Group.objects.get(name=f"Editors: {EVENT}")
        assert WorkflowPage.objects.get(page=event).workflow.name == REVIEW_WORKFLOW

    with journey.step("the admin adds the editor to the event's team", admin_page):
        admin_page.goto(f"{base}/admin/conference/events/{event.pk}/team/")
        admin_page.get_by_label("Group").select_option(label=editors.name)
        admin_page.get_by_label("Person").select_option(label="ada")
        admin_page.get_by_role("button", name="Add to the group").click()
        expect(admin_page.get_by_text(f"Added ada to “{editors.name}”.")).to_be_visible()
        assert list(people[1].groups.all()) == [editors]

    page = new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page with unsaved changes?"
    with journey.step("the editor adds a day from the dashboard without typing a title", page):
        log_in(page, base, "ada")
        my_events = page.locator("section", has_text="My events")
        my_events.get_by_role("link", name=f"Add a day to {EVENT}").click()
        expect(page.get_by_role("heading", name="About days")).to_be_visible()
        field(page, "date").fill("2024-05-02")
        page.get_by_role("button", name="Save draft").click()
        expect(page.get_by_text("Page 'Day 2 · Thursday 2 May' created.")).to_be_visible()
        day = DayPage.objects.get()
        assert (day.title, day.slug) == ("Day 2 · Thursday 2 May", "day-2-thursday-2-may")

    add_talk = f"{base}/admin/pages/add/conference/talkpage/{day.pk}/"
    with journey.step("the editor types a talk's title and leaves: no page is left behind", page):
        page.goto(add_talk)
        # Wagtail's editor notes the form's first state 2 s after it opens: type after that, as a person does.
        page.wait_for_function(UNSAVED_CHECKER, arg=["initialFormData", False])
        title = page.get_by_placeholder("Page title*")
        title.fill("A talk I will not write")
        title.press("Tab")  # leaving the title fills the slug, so the form would be valid for a save
        # Its check has seen the edits: what would save them had its chance.
        page.wait_for_function(UNSAVED_CHECKER, arg=["hasEditsValue", True])
        page.goto(f"{base}/admin/")
        assert not TalkPage.objects.exists()

    with journey.step("the editor creates a speaker from the talk form", page):
        page.goto(add_talk)
        expect(page.get_by_role("heading", name="What makes a good talk page")).to_be_visible()
        expect(page.locator("[data-shown-for-kind]")).to_be_hidden()
        page.get_by_placeholder("Page title*").fill(TALK)
        field(page, "summary").fill("Why journeys find what unit tests miss.")
        page.get_by_role("button", name="Add speaker").click()
        page.get_by_role("button", name="Choose a speaker").click()
        modal = page.locator(".modal-dialog")
        modal.get_by_role("tab", name="Create a new speaker").click()
        modal.get_by_label("Name").fill(SPEAKER)
        modal.get_by_role("button", name="Create a new speaker").click()
        expect(modal).to_be_hidden()
        expect(page.locator("form#page-edit-form").get_by_text(SPEAKER, exact=True)).to_be_visible()
        assert Speaker.objects.filter(name=SPEAKER).exists()

    with journey.step("the editor writes notes with a skipped heading level and submits", page):
        add_block(page, "Heading")
        field(page, "body-0-value-level").select_option("h2")
        field(page, "body-0-value-text").fill("Journeys")
        add_block(page, "Heading")
        field(page, "body-1-value-level").select_option("h4")
        field(page, "body-1-value-text").fill("Details")
        press_in_actions_menu(page, SUBMIT)
        expect(page.locator("#body-root .error-message").filter(has_text=SKIPPED)).to_be_visible()
        assert not TalkPage.objects.exists()

    with journey.step("the editor fixes it in place and submits for review", page):
        field(page, "body-1-value-level").select_option("h3")
        press_in_actions_menu(page, SUBMIT)
        expect(page.get_by_text(f"Page '{TALK}' created and submitted for moderation.")).to_be_visible()
        talk = TalkPage.objects.get(title=TALK)
        assert talk.speakers[0].name == SPEAKER

    with journey.step("a second talk with the same title is refused on the title, linking the first", page):
        page.goto(add_talk)
        page.get_by_placeholder("Page title*").fill(TALK)
        page.get_by_role("button", name="Save draft").click()
        title_error = page.locator("[data-contentpath='title'] .error-message")
        expect(title_error).to_contain_text("Another page here already has the address “tested-journeys”")
        expect(title_error).to_be_in_viewport()
        expect(title_error.get_by_role("link", name=TALK)).to_have_attribute("href", f"/admin/pages/{talk.pk}/edit/")
        assert TalkPage.objects.count() == 1

    with journey.step("the admin approves the talk from their dashboard", admin_page):
        admin_page.goto(f"{base}/admin/")
        admin_page.locator("section", has_text="Awaiting your review").get_by_role("link", name=TALK).click()
        press_in_actions_menu(admin_page, "Approve and Publish")
        expect(admin_page.get_by_text(f"Page '{TALK}' has been updated.")).to_be_visible()
        assert TalkPage.objects.get(pk=talk.pk).live

    notes = tmp_path / "notes-camp.md"
    notes.write_text(NOTES)
    with journey.step("the admin imports notes with one warning, sees it and the talk before confirming", admin_page):
        admin_page.goto(f"{base}/admin/notes/import/")
        expect(admin_page.get_by_role("link", name="the notes format")).to_be_visible()
        admin_page.get_by_label("Notes file").set_input_files(notes)
        admin_page.get_by_role("button", name="Preview the import").click()
        warnings = admin_page.locator(".notes-import-warnings")
        expect(warnings.get_by_role("heading", level=3)).to_have_text("1 warning: what the import changes or drops")
        expect(warnings.get_by_role("listitem")).to_have_count(1)
        expect(warnings.get_by_role("listitem")).to_contain_text(NOTES_WARNING)
        frame = admin_page.frame_locator("iframe[title='Preview of the talk “Imported and previewed”']")
        expect(frame.get_by_role("heading", level=1)).to_have_text("Imported and previewed")
        expect(frame.get_by_text("A paragraph the reader will see.")).to_be_visible()
        expect(frame.get_by_text("Qapla'")).to_be_visible()  # the code block, rendered as plain text
        assert not TalkPage.objects.filter(title="Imported and previewed").exists()
        admin_page.get_by_role("button", name="Import notes-camp.md").click()
        expect(admin_page.get_by_text("Imported notes-camp.md")).to_be_visible()
        assert TalkPage.objects.filter(title="Imported and previewed").exists()

    with journey.step("the admin exports the event as a ZIP", admin_page):
        admin_page.goto(f"{base}/admin/pages/{event.pk}/")
        with admin_page.expect_download() as download:
            admin_page.locator("header").get_by_role("button", name=re.compile("Actions|More")).first.click()
            admin_page.get_by_role("link", name="Export notes").click()
        archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
        assert download.value.suggested_filename == f"{event.slug}-notes.zip"
        markdown = archive.read(f"{event.slug}.md").decode()
        assert f"## {TALK}" in markdown and "# Day 2 · Thursday 2 May" in markdown
        assert f"speakers: {SPEAKER}" in markdown

    assert page_errors == []
