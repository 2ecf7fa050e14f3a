"""Site-wide admin hooks: this site's content checker in the userbar and the editor's Checks panel."""

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from .content_checker import ConferenceNotesCheckerItem


@hooks.register("construct_wagtail_userbar")
def use_conference_notes_checker(request, items, page):
    """Swap Wagtail's checker for ours, keeping whether it runs in the page editor."""
    items[:] = [
        ConferenceNotesCheckerItem(in_editor=item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ConferenceNotesCheckerItem)
        else item
        for item in items
    ]
