"""The admin's "Export notes" action on an event: its Markdown notes and their images, as one ZIP.

The same export as `manage.py export_notes` (exporter.export_event): every page's latest revision, so
an editor's drafts are included, which is why it needs the permission to edit the event.
"""

import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from conference.models import EventPage

from .exporter import export_event


def can_export(user, event) -> bool:
    return event.permissions_for_user(user).can_edit()


def event_zip(event) -> bytes:
    """A ZIP of `<event slug>.md` and `images/…`, the layout `import_notes --images` reads back."""
    buffer = BytesIO()
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        markdown, images = export_event(event, Path(folder))
        archive.writestr(f"{event.slug}.md", markdown)
        for image in images:
            archive.write(image, image.relative_to(folder).as_posix())
    return buffer.getvalue()


def export_notes_view(request, pk):
    event = get_object_or_404(EventPage, pk=pk)
    if not can_export(request.user, event):
        raise PermissionDenied
    response = HttpResponse(event_zip(event), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-notes.zip"'
    return response
