"""In a real browser: an editor imports notes through the admin, previews them, confirms, and reads the talk."""

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def page(browser):
    """A page in a fresh context of the session's Chromium (the root conftest.py's `browser`)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_an_editor_imports_notes_in_the_admin_and_the_talk_is_published(live_site, page, notes_dir, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")

    page.goto(f"{live_site.url}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Import notes").click()
    expect(page).to_have_url(f"{live_site.url}/admin/notes/import/")

    page.get_by_label("Notes file").set_input_files(notes_dir / "every-block.md")
    page.get_by_label("Images").set_input_files(sorted((notes_dir / "images").iterdir()))
    page.get_by_label("Publish the changes").check()
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name=re.compile("Preview of every-block.md: 6 created"))).to_be_visible()
    expect(page.get_by_text("Will be created: talk “Every block in one talk”")).to_be_visible()
    page.get_by_role("button", name="Import every-block.md").click()

    expect(page.get_by_text(re.compile(r"Imported every-block.md \(published\): 6 created"))).to_be_visible()
    expect(page.get_by_role("link", name="Tutorial day", exact=False).first).to_be_visible()

    page.goto(f"{live_site.url}/pycon-notes-test/tutorials/every-block-in-one-talk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Every block in one talk")
    expect(page.get_by_role("img", name="A bar chart of two values, 40 and 60")).to_be_visible()
    expect(page.get_by_role("table", name="Tools compared")).to_be_visible()


def test_bad_notes_show_their_lines_in_the_browser_and_nothing_is_imported(
    live_site, page, notes_dir, django_user_model
):
    from conference.models import EventPage

    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    notes = notes_dir / "every-block.md"
    notes.write_text(notes.read_text().replace("## Every block in one talk", "### Every block in one talk"))

    page.goto(f"{live_site.url}/admin/login/?next=/admin/notes/import/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Notes file").set_input_files(notes)
    page.get_by_role("button", name="Preview the import").click()

    expect(
        page.get_by_role("heading", name=re.compile("problems? in every-block.md: nothing was imported"))
    ).to_be_visible()
    expect(page.get_by_text("every-block.md:20", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Import "))).to_have_count(0)
    assert not EventPage.objects.exists()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_talk_with_ten_uncaptioned_code_blocks_in_one_language_has_no_axe_violations(live_site, page, width):
    """Each code region is named apart ("Java code 1" … "Java code 10"), so landmark-unique holds."""
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    from tests.browser.axe import axe_violations, describe

    notes = Path(__file__).parent / "fixtures" / "other-tools" / "ten-code-blocks.md"
    call_command("import_notes", str(notes), "--publish", stdout=StringIO())
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_site.url}/ten-blocks-con/day-1/ten-java-snippets/")

    violations = axe_violations(page)
    assert violations == [], describe(violations)
    expect(page.get_by_role("region", name=re.compile(r"^Java code \d+$"))).to_have_count(10)
    expect(page.get_by_role("region", name="Java code 10", exact=True)).to_be_visible()
