"""The admin's Tracks screen (a snippet) and "Import schedule" menu item (registered in conference/wagtail_hooks.py)."""

from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSet

from conference.models import Track
from conference.notes.admin_views import PERMISSION


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    menu_label = "Tracks"
    list_display = ["name", "event", "slug", "color"]
    list_filter = ["event"]
    search_fields = ["name"]


class ImportScheduleMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)
