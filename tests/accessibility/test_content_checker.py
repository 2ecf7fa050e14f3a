"""The configuration of Wagtail's content checker reaches the page, per kind of user.

The checker reads its axe-core configuration from a JSON script the server
renders: in the userbar on a public page, and in the Checks panel of the page
editor. These tests read that JSON as the browser would.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.urls import reverse
from wagtail.admin.userbar import ContentCheckerItem

from blocks.media import FILE_NAME_PATTERNS
from home.content_checker import (
    ACCESSIBILITY_REVIEWERS_GROUP,
    CUSTOM_RULE_IDS,
    VAGUE_LINK_TEXTS,
    WCAG_22_AA_TAGS,
)

pytestmark = pytest.mark.django_db

WAGTAIL_FOCUSED_RULES = [rule for rule in ContentCheckerItem.axe_run_only if rule != "alt-text-quality"]


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("rita", password="unused-in-tests")
    user.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name=ACCESSIBILITY_REVIEWERS_GROUP))
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("sam", password="unused-in-tests")


def checker_config(response) -> dict:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    script = soup.find("script", id="checker-axe-configuration")
    assert script is not None, "no content checker configuration on the page"
    return json.loads(script.string)


def userbar_config(client, user, page):
    client.force_login(user)
    return checker_config(client.get(page.url))


def checks_panel_config(client, user, page):
    client.force_login(user)
    return checker_config(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))


def test_the_accessibility_reviewers_group_exists_after_migrating():
    assert Group.objects.filter(name=ACCESSIBILITY_REVIEWERS_GROUP).exists()


@pytest.mark.parametrize("config_of", [userbar_config, checks_panel_config], ids=["userbar", "checks panel"])
@pytest.mark.parametrize("who", ["reviewer", "superuser"])
def test_reviewers_and_superusers_get_the_full_wcag_22_aa_rule_set(request, client, talk, config_of, who):
    config = config_of(client, request.getfixturevalue(who), talk)

    run_only = config["options"]["runOnly"]
    assert run_only[: len(WCAG_22_AA_TAGS)] == [
        "wcag2a",
        "wcag2aa",
        "wcag21a",
        "wcag21aa",
        "wcag22aa",
        "best-practice",
    ]
    # Tags only (axe refuses a mix of tags and rule ids); ours are tagged so they still run.
    assert "heading-order" not in run_only
    assert set(run_only) >= {"seo", "conference-notes"}


@pytest.mark.parametrize("config_of", [userbar_config, checks_panel_config], ids=["userbar", "checks panel"])
def test_other_editors_keep_wagtails_focused_rules_plus_ours(client, editor, talk, config_of):
    config = config_of(client, editor, talk)

    assert config["options"]["runOnly"] == WAGTAIL_FOCUSED_RULES + CUSTOM_RULE_IDS
    assert "heading-order" in config["options"]["runOnly"]
    assert "wcag2aa" not in config["options"]["runOnly"]


@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_everyone_gets_our_alt_text_and_link_text_checks(request, client, talk, who):
    config = userbar_config(client, request.getfixturevalue(who), talk)

    rules = {rule["id"]: rule for rule in config["spec"]["rules"]}
    checks = {check["id"]: check for check in config["spec"]["checks"]}
    assert rules["cn-alt-text-file-name"]["selector"] == "img[alt]"
    assert rules["cn-alt-text-repeats-caption"]["selector"] == "figure img[alt]"
    assert rules["cn-link-text-vague"]["selector"] == "a[href]"
    # The browser runs the very patterns the editor's validation uses.
    assert checks["cn-alt-text-file-name"]["options"]["patterns"] == FILE_NAME_PATTERNS
    assert {"click here", "read more"} <= set(checks["cn-link-text-vague"]["options"]["phrases"])
    assert checks["cn-link-text-vague"]["options"]["phrases"] == VAGUE_LINK_TEXTS
    assert config["messages"]["cn-alt-text-file-name"]["error_name"] == "Image alt text is a file name"
    assert config["messages"]["cn-link-text-vague"]["error_name"] == "Link text does not say where it goes"
    # Wagtail's own alt text rule is superseded by ours, so an image is not reported twice.
    assert config["options"]["rules"] == {"alt-text-quality": {"enabled": False}}


def test_the_checks_script_is_loaded_after_wagtails_userbar(client, editor, talk):
    client.force_login(editor)
    html = client.get(talk.url).content.decode()

    scripts = [tag["src"] for tag in BeautifulSoup(html, "html.parser").find_all("script", src=True)]
    userbar = next(i for i, src in enumerate(scripts) if "wagtailadmin/js/userbar.js" in src)
    ours = next(i for i, src in enumerate(scripts) if src.endswith("home/js/content-checks.js"))
    assert ours > userbar
    assert finders.find("home/js/content-checks.js")


def test_the_checker_leaves_wagtails_own_interface_out_of_the_scan(client, reviewer, talk):
    config = userbar_config(client, reviewer, talk)

    assert config["context"] == {"include": ["body"], "exclude": ["wagtail-userbar, wagtail-inline-userbar"]}


def test_visitors_who_are_not_logged_in_get_no_checker(client, talk):
    response = client.get(talk.url)

    assert response.status_code == 200
    assert b"checker-axe-configuration" not in response.content
