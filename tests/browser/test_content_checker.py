"""Wagtail's content checker, as an editor sees it in the userbar on a published page."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.images import get_image_model

from conference.demo.images import DEMO_IMAGES
from conference.factories import add_every_block_talk


@pytest.fixture
def flawed_talk(demo):
    """A talk published before the alt text rules existed (so it skipped the editor's validation)."""
    chart = get_image_model().objects.get(title=DEMO_IMAGES["accessibility-chart"].title)
    diagram = get_image_model().objects.get(title=DEMO_IMAGES["page-tree-diagram"].title)
    caption = "Homepages with basic accessibility issues"
    return add_every_block_talk(
        slug="flawed-notes",
        title="Flawed notes",
        body=[
            {
                "type": "paragraph",
                "value": '<p>The survey is online. <a href="https://example.com/">Read more</a>.</p>',
            },
            {
                "type": "image",
                "value": {
                    "image": {"image": chart.pk, "decorative": False, "alt_text": "IMG_0042.jpg"},
                    "caption": "",
                    "credit": "",
                },
            },
            {
                "type": "image",
                "value": {
                    "image": {"image": diagram.pk, "decorative": False, "alt_text": caption},
                    "caption": caption,
                    "credit": "Drawn for this site",
                },
            },
        ],
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("sam", password="unused-in-tests")


def checker_findings(page) -> list[str]:
    """Wait for the checker to run on load, then open its dialog and read the issue names."""
    count = page.locator("#checker-trigger [data-content-checker-count]")
    expect(count).to_have_text(re.compile(r"^\d+$"))
    page.locator("#wagtail-userbar-trigger").click()
    page.locator("#checker-trigger").click()
    expect(page.locator("#checker-results")).to_be_visible()
    return sorted(page.locator("#checker-results [data-content-checker-name]").all_text_contents())


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_the_userbar_reports_file_name_alt_text_repeated_captions_and_vague_links(request, open_page, flawed_talk, who):
    page = open_page(user=request.getfixturevalue(who))
    page.goto(flawed_talk.url)

    assert checker_findings(page) == [
        "Image alt text is a file name",
        "Image alt text repeats its caption",
        "Link text does not say where it goes",
    ]


def test_a_reviewer_running_every_wcag_22_aa_rule_finds_nothing_on_a_well_made_talk(open_page, demo, superuser):
    page = open_page(user=superuser)
    page.goto(demo.url)

    assert checker_findings(page) == []
    assert page.locator("#checker-trigger [data-content-checker-count]").first.text_content() == "0"
