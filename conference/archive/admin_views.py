"""The admin's "Export archive" page of an event: build the static archive's ZIP, then download it.

Who may: those who may publish the event (the archive is a publication of it). See jobs.py for
why the ZIP is built by a background thread into the storage rather than during the request.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from conference.models import EventPage

from . import jobs


def can_export_archive(user, event) -> bool:
    return event.permissions_for_user(user).can_publish()


class EventArchiveMixin:
    def dispatch(self, request, pk):
        self.event = get_object_or_404(EventPage, pk=pk)
        if not can_export_archive(request.user, self.event):
            raise PermissionDenied
        return super().dispatch(request, pk)


class ArchiveView(EventArchiveMixin, WagtailAdminTemplateMixin, View):
    header_icon = "download"
    template_name = "archive/admin_archive.html"

    def get_page_title(self):
        return f"Archive of {self.event.title}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_explore", args=[self.event.pk]), "label": self.event.title},
            {"url": "", "label": "Archive"},
        ]

    def get_context_data(self, **kwargs):
        status = jobs.read_status(self.event)
        return super().get_context_data(event=self.event, status=status, **kwargs)

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data())

    def post(self, request, pk):
        in_thread = getattr(settings, "ARCHIVE_BUILD_IN_THREAD", True)
        if jobs.start(self.event, run_in_thread=in_thread):
            messages.success(
                request, f"The archive of {self.event.title} is being built. This page shows it when it is ready."
            )
        else:
            messages.warning(request, "An archive of this event is already being built.")
        return redirect("conference_event_archive", pk=self.event.pk)


class ArchiveDownloadView(EventArchiveMixin, View):
    def get(self, request, pk):
        status = jobs.read_status(self.event)
        if not status or status.state != jobs.READY or not default_storage.exists(status.file):
            raise Http404("No archive of this event is ready.")
        return FileResponse(
            default_storage.open(status.file), as_attachment=True, filename=f"{self.event.slug}-archive.zip"
        )
