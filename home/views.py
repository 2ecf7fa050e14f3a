"""Site-wide pages that are not Wagtail pages."""

import datetime

from django.conf import settings
from django.shortcuts import render

from .content_checker import ACCESSIBILITY_REVIEWERS_GROUP, WCAG_22_AA_TAGS

# Change this when the statement is reviewed (at least once a year, and after a
# change to the templates, the blocks or the checks it describes).
STATEMENT_REVIEWED = datetime.date(2026, 11, 24)


def accessibility_statement(request):
    """The accessibility statement, kept in code beside the tests it describes.

    It is a template rather than an editable page so that it can only change
    together with what it promises (tests, checker rules, validation), in a
    reviewed commit, and so the footer link to it can never point at a deleted
    or unpublished page.
    """
    return render(
        request,
        "home/accessibility_statement.html",
        {
            "contact_email": getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", ""),
            "axe_tags": WCAG_22_AA_TAGS,
            "reviewers_group": ACCESSIBILITY_REVIEWERS_GROUP,
            "reviewed": STATEMENT_REVIEWED,
        },
    )
