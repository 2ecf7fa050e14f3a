"""An editor's first talk, end to end in a real browser: write it, fix what the checks say, submit, get it approved.

The editor of one event logs in, adds a talk under a day with one of each block (heading, paragraph,
quote, a nested list, code, an image uploaded through the chooser, a table), submits it with the image's
alt text missing and a heading level skipped, sees both errors, fixes them and submits again; a moderator
approves it from their dashboard; the public page shows the talk with every block.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from conference.editors import MODERATORS, REVIEW_TASK, set_up_event_editing
from conference.factories import PASSWORD, build_event, png_bytes
from conference.models import TalkPage

TITLE = "What the browser saw"
SUBMIT = "Submit to Conference notes review"
ALT_TEXT = "Two bars, the blue one twice as tall as the purple one"
SKIPPED_HEADING_ERROR = (
    "The heading “Deeper” is an h4, which skips a level after the heading before it (h2). "
    "Make it an h3, or add an h3 heading before it."
)
ALT_TEXT_ERROR = "has no alt text. Describe what it shows for someone who cannot see it"


@pytest.fixture
def site(django_user_model, settings):
    # Autosave would save drafts on a timer while the test types; the journey saves explicitly.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    tree = build_event("PyCon A", "pycon-a", datetime.date(2024, 5, 1))
    editors, _ = set_up_event_editing(tree.event)
    editor = django_user_model.objects.create_user("ada", "ada@example.org", PASSWORD)
    editor.groups.add(editors)
    moderator = django_user_model.objects.create_user("mo", "mo@example.org", PASSWORD)
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    return tree


@pytest.fixture
def slide_png(tmp_path) -> Path:
    path = tmp_path / "bar-chart.png"
    path.write_bytes(png_bytes(480, 270, (240, 244, 250)))
    return path


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/admin/")


def add_block(page, label):
    """Insert a block at the end of the talk body through the block picker."""
    page.locator("#body-root button[title='Insert a block']").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def field(page, name):
    return page.locator(f"[name='{name}']")


def type_rich_text(page, name, text):
    """Type into the rich text editor of the field `name`; wait until its form input holds the text
    (the editor writes it there after a short delay, which a quick submit would miss)."""
    field(page, name).locator("xpath=..").locator("[contenteditable=true]").click()
    page.keyboard.type(text)
    expect(field(page, name)).to_have_value(re.compile(re.escape(text)))


def press_in_actions_menu(page, label):
    """Open the editor's footer menu (under "Save draft") and press one of its actions."""
    actions = page.locator("footer")
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name=label, exact=True).click()


def test_an_editor_publishes_their_first_talk_through_moderation(site, live_site, new_page, journey, slide_png):
    base = live_site.url
    page = new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    with journey.step("editor logs in", page):
        log_in(page, base, "ada")

    with journey.step("editor starts a talk under the day", page):
        page.goto(f"{base}/admin/pages/{site.day.pk}/add_subpage/")
        # A day holds only talks, so Wagtail goes straight to the talk form.
        expect(page).to_have_url(re.compile(r"/admin/pages/add/conference/talkpage/\d+/$"))
        page.get_by_placeholder("Page title*").fill(TITLE)

    with journey.step("editor adds a heading, a paragraph and a quote", page):
        add_block(page, "Heading")
        field(page, "body-0-value-level").select_option("h2")
        field(page, "body-0-value-text").fill("Setting up")
        add_block(page, "Paragraph")
        page.locator("#body-root [contenteditable=true]").last.click()
        page.keyboard.type("Notes typed in a real browser.")
        add_block(page, "Quote")
        type_rich_text(page, "body-2-value-text", "Test the journey, not only the parts.")
        field(page, "body-2-value-attribution").fill("An editor")

    with journey.step("editor adds a nested list and code", page):
        add_block(page, "List")
        type_rich_text(page, "body-3-value-items-0-value-text", "Log in")
        # Under the item's text, its own blocks: a sub-list.
        under_item = field(page, "body-3-value-items-0-value-blocks-count").locator("xpath=..")
        under_item.locator("button[title='Insert a block']").first.click()
        page.get_by_role("option", name="Sub-list", exact=True).click()
        type_rich_text(page, "body-3-value-items-0-value-blocks-0-value-items-0-value-text", "with your own account")
        add_block(page, "Code")
        field(page, "body-4-value-language").select_option("python")
        field(page, "body-4-value-code").fill("def test_journey(page):\n    assert page.title()\n")

    with journey.step("editor adds a heading that skips a level", page):
        add_block(page, "Heading")
        field(page, "body-5-value-level").select_option("h4")
        field(page, "body-5-value-text").fill("Deeper")

    with journey.step("editor uploads an image through the chooser and leaves its alt text empty", page):
        add_block(page, "Image")
        page.get_by_role("button", name="Choose an image").last.click()
        chooser = page.locator(".modal-dialog")
        chooser.get_by_role("tab", name="Upload").click()
        chooser.locator("input[type=file]").set_input_files(slide_png)
        chooser.get_by_label("Title").fill("Bar chart from the slides")
        chooser.get_by_role("button", name="Upload").click()
        expect(chooser).to_be_hidden()
        expect(page.locator("#body-root").get_by_text("Bar chart from the slides")).to_be_visible()
        # Wagtail suggests the image's title as alt text; the editor clears it to write a real one later.
        field(page, "body-6-value-image-alt_text").fill("")
        field(page, "body-6-value-caption").fill("The chart from the slides")

    with journey.step("editor adds a table", page):
        add_block(page, "Table")
        field(page, "body-7-value-caption").fill("Tools we used")
        table = page.locator(".typed-table-block").last
        for column in range(2):
            # Every column is text, so "Add column" adds one at once (no one-item menu). Pressed from
            # the keyboard: a mouse click aims at where the button was, and the cell editors of the
            # row just added can still move it (on a busy machine, once, a click landed beside it).
            table.get_by_role("button", name="Add column").last.press("Enter")
            expect(field(page, f"body-7-value-column-{column}-heading")).to_be_attached()
        field(page, "body-7-value-column-0-heading").fill("Tool")
        field(page, "body-7-value-column-1-heading").fill("Use")
        # Cells are rich text: type into each cell's editor.
        type_rich_text(page, "body-7-value-cell-0-0", "Playwright")
        type_rich_text(page, "body-7-value-cell-0-1", "Driving Chromium")

    with journey.step("editor submits and sees both errors", page):
        press_in_actions_menu(page, SUBMIT)
        expect(page.get_by_text("The page could not be created due to validation errors")).to_be_visible()
        errors = page.locator("#body-root .error-message")
        expect(errors.filter(has_text=SKIPPED_HEADING_ERROR)).to_be_visible()
        expect(errors.filter(has_text=ALT_TEXT_ERROR)).to_be_visible()
        errors.first.scroll_into_view_if_needed()
        assert not TalkPage.objects.filter(title=TITLE).exists()

    with journey.step("editor fixes both and submits for moderation", page):
        field(page, "body-5-value-level").select_option("h3")
        field(page, "body-6-value-image-alt_text").fill(ALT_TEXT)
        press_in_actions_menu(page, SUBMIT)
        expect(page.get_by_text(f"Page '{TITLE}' created and submitted for moderation.")).to_be_visible()
        talk = TalkPage.objects.get(title=TITLE)
        assert not talk.live
        assert talk.current_workflow_task_state.task.name == REVIEW_TASK

    moderator_page = new_page()
    moderator_page.on("pageerror", lambda error: page_errors.append(str(error)))
    with journey.step("moderator finds the talk on their dashboard", moderator_page):
        log_in(moderator_page, base, "mo")
        review = moderator_page.locator("section", has_text="Awaiting your review")
        review.get_by_role("link", name=TITLE).click()
        expect(moderator_page).to_have_url(f"{base}/admin/pages/{talk.pk}/edit/")

    with journey.step("moderator approves and publishes", moderator_page):
        press_in_actions_menu(moderator_page, "Approve and Publish")
        expect(moderator_page.get_by_text(f"Page '{TITLE}' has been updated.")).to_be_visible()
        talk.refresh_from_db()
        assert talk.live

    reader = new_page()
    with journey.step("a reader sees the talk with every block", reader, full_page=True):
        response = reader.goto(f"{base}{talk.url}")
        assert response.status == 200
        body = reader.locator(".talk-body")
        expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(body.get_by_role("heading", level=2)).to_have_text("Setting up")
        expect(body.get_by_role("heading", level=3)).to_have_text("Deeper")
        expect(body.locator(".block-paragraph")).to_have_text("Notes typed in a real browser.")
        expect(body.locator("figure.block-quote blockquote")).to_contain_text("Test the journey, not only the parts.")
        expect(body.locator("figure.block-quote figcaption")).to_contain_text("An editor")
        expect(body.locator("ul.block-list > li > ul.block-list > li")).to_have_text("with your own account")
        expect(body.locator("figure.code-block pre")).to_contain_text("def test_journey(page):")
        image = body.locator("figure.block-image img")
        expect(image).to_have_attribute("alt", ALT_TEXT)
        rendition = image.get_attribute("src").removeprefix(settings.MEDIA_URL)
        assert (Path(settings.MEDIA_ROOT) / rendition).is_file()
        expect(body.locator("figure.block-image figcaption")).to_contain_text("The chart from the slides")
        expect(body.locator("table caption")).to_have_text("Tools we used")
        expect(body.locator("table th[scope=col]")).to_have_text(["Tool", "Use"])
        expect(body.locator("table tbody th[scope=row]")).to_have_text("Playwright")
        expect(body.locator("table tbody td")).to_have_text("Driving Chromium")

    assert page_errors == []  # no script broke along the way
