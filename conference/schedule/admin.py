"""The admin's Tracks screen (a snippet), registered in conference/wagtail_hooks.py."""

from wagtail.snippets.views.snippets import SnippetViewSet

from conference.models import Track


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    menu_label = "Tracks"
    list_display = ["name", "event", "slug", "color"]
    list_filter = ["event"]
    search_fields = ["name"]
