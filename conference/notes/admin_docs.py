"""The notes format's documentation (docs/notes-format.md) in the admin, linked from the import page."""

from pathlib import Path

from django.conf import settings
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from markdown_it import MarkdownIt
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

FORMAT_DOC = Path(settings.BASE_DIR) / "docs" / "notes-format.md"


class NotesFormatView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "The notes format"
    header_icon = "doc-full"
    template_name = "notes/notes_format.html"

    def get_context_data(self, **kwargs):
        # Our own documentation from the repository, so its HTML is trusted (html=False still escapes raw HTML).
        html = MarkdownIt("commonmark", {"html": False}).enable("table").render(FORMAT_DOC.read_text())
        return super().get_context_data(doc=mark_safe(html), **kwargs)  # noqa: S308 - see above
