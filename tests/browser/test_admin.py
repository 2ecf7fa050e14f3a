"""The talk editor: our block forms add no accessibility barriers, and publishing bad content is stopped."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.images import get_image_model

from conference.demo.images import DEMO_IMAGES
from conference.models import TalkPage

from .axe import axe_violations, describe, split_by_allow_list

# Violations that come from Wagtail's own editing interface, not from our blocks.
# Each entry: (axe rule, pattern matched against the failing element's HTML, why it is allowed).
# An entry that no longer matches anything fails the test, so this list cannot go stale.
WAGTAIL_VIOLATIONS = [
    (
        "label",
        r'class="[^"]*ui-autocomplete-input',
        "The tag field (the Tags panel) is Wagtail's jQuery UI tag-it widget: its typing input has no label.",
    ),
    (
        "aria-input-field-name",
        r'class="[^"]*public-DraftEditor-content',
        "Draftail, Wagtail's rich text editor (our paragraph block), gives its editable area role=textbox "
        "without an accessible name inside StreamField.",
    ),
    (
        "scrollable-region-focusable",
        r'class="w-minimap__list"',
        "Wagtail's minimap (the outline beside the form) is a scrollable list that cannot take keyboard focus.",
    ),
]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("sam", password="unused-in-tests")


@pytest.fixture
def moderator(django_user_model):
    """A new editor who may publish (Wagtail's Moderators group), not a superuser."""
    user = django_user_model.objects.create_user("morgan", password="unused-in-tests")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_the_talk_editor_with_every_block_open_has_no_axe_violations_from_our_blocks(open_page, demo, superuser):
    page = open_page(user=superuser)
    page.goto(f"/admin/pages/{demo.pk}/edit/")
    # The form of every block is open, as when an editor first opens the page.
    body = page.locator("[data-contentpath='body']")
    for field, count in [
        ("-value-level", 4),  # headings
        ("-value-attribution", 2),  # quotes
        ("-items-0-value-text", 2),  # lists (their first items' rich text editors)
        ("-value-language", 2),  # code
        ("-image-alt_text", 2),  # images
        ("-value-cell-0-0", 1),  # the table (its first cell's rich text editor)
    ]:
        # A top-level block's field (not one of a sub-list's), or the rich text editor beside its input.
        named = f"[name$='{field}']:not([name*='-blocks-'])"
        field_or_its_editor = f"{named}:visible, div:has(> {named}) [contenteditable=true]:visible"
        expect(body.locator(field_or_its_editor)).to_have_count(count)
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    # A lightning-talks session: the same blocks again, inside each lightning talk's inline form.
    lightning = TalkPage.objects.filter(kind="lightning").exclude(lightning_talks=None).first()
    page.goto(f"/admin/pages/{lightning.pk}/edit/")
    expect(page.locator("[name^='lightning_talks-0-notes-']").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    violations += axe_violations(page)

    unexplained, unused = split_by_allow_list(violations, WAGTAIL_VIOLATIONS)

    assert not unexplained, "axe-core found problems in the talk editor:\n" + describe(unexplained)
    assert not unused, f"allow-listed Wagtail violations that no longer occur (remove them): {unused}"


def test_a_new_editor_publishing_an_image_without_alt_text_and_a_skipped_heading_is_told_how_to_fix_both(
    open_page, demo, moderator
):
    # A draft in progress: Wagtail lets a draft be saved before its alt text is written.
    chart = get_image_model().objects.get(title=DEMO_IMAGES["accessibility-chart"].title)
    talk = TalkPage.objects.get(pk=demo.pk)
    talk.body = [
        ("heading", {"level": "h2", "text": "Results"}),
        ("heading", {"level": "h4", "text": "By country"}),
        ("image", {"image": {"image": chart, "decorative": False, "alt_text": ""}, "caption": "", "credit": ""}),
    ]
    talk.save_revision(user=moderator)

    page = open_page(user=moderator)
    page.goto(f"/admin/pages/{talk.pk}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_text("The page could not be saved due to validation errors")).to_be_visible()
    expect(
        page.get_by_text(
            "The heading “By country” is an h4, which skips a level after the heading before it (h2). "
            "Make it an h3, or add an h3 heading before it."
        )
    ).to_be_visible()
    expect(
        page.get_by_text(
            f"The image “{chart.title}” has no alt text. Describe what it shows for "
            "someone who cannot see it, or tick “Image is decorative” if it adds nothing to the notes."
        )
    ).to_be_visible()
    # Nothing changed for readers.
    assert [block.block_type for block in TalkPage.objects.get(pk=talk.pk).body][:2] == ["paragraph", "heading"]
