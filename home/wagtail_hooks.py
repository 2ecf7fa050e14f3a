"""Site-wide admin hooks: this site's content checker in the userbar and the editor's Checks panel;
the link to compare with the newer version when an outdated page form is saved."""

from django.contrib import messages
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from .content_checker import ConferenceNotesCheckerItem
from .page_forms import compare_message, newer_revision


@hooks.register("construct_wagtail_userbar")
def use_conference_notes_checker(request, items, page):
    """Swap Wagtail's checker for ours, keeping whether it runs in the page editor."""
    items[:] = [
        ConferenceNotesCheckerItem(in_editor=item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ConferenceNotesCheckerItem)
        else item
        for item in items
    ]


@hooks.register("before_edit_page")
def link_to_compare_an_outdated_form(request, page):
    """With the outdated-form error (page_forms.py), a link to compare the two versions."""
    if request.method != "POST" or "application/json" in request.headers.get("Accept", ""):
        return None  # Wagtail answers an outdated autosave itself
    latest = newer_revision(page, request.POST)
    if latest is not None:
        messages.warning(request, compare_message(page, request.POST, latest))
    return None
