"""Admin: the "Import notes" view and its menu item (Wagtail loads this module: notes is an app)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_docs import NotesFormatView
from .admin_export import export_notes_view
from .admin_views import PERMISSION, ImportNotesView


@hooks.register("register_admin_urls")
def register_import_notes_url():
    return [
        path("notes/import/", ImportNotesView.as_view(), name="notes_import"),
        path("notes/format/", NotesFormatView.as_view(), name="notes_format"),
        path("notes/export/<int:pk>/", export_notes_view, name="notes_export"),
    ]


class ImportNotesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_notes_menu_item():
    return ImportNotesMenuItem("Import notes", reverse("notes_import"), icon_name="upload", order=210)
