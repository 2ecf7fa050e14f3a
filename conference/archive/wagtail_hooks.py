"""The "Export archive" button on an event and its admin page (imported from conference/wagtail_hooks.py)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from conference.models import EventPage

from .admin_views import ArchiveDownloadView, ArchiveView, can_export_archive


@hooks.register("register_admin_urls")
def register_archive_urls():
    return [
        path("conference/events/<int:pk>/archive/", ArchiveView.as_view(), name="conference_event_archive"),
        path(
            "conference/events/<int:pk>/archive/download/",
            ArchiveDownloadView.as_view(),
            name="conference_event_archive_download",
        ),
    ]


def archive_buttons(page, user):
    event = page.specific_deferred
    if isinstance(event, EventPage) and event.live and can_export_archive(user, event):
        return [
            Button(
                "Export archive", reverse("conference_event_archive", args=[page.pk]), icon_name="download", priority=62
            )
        ]
    return []


@hooks.register("register_page_header_buttons")
def archive_header_buttons(page, user, view_name=None, next_url=None):
    return archive_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def archive_listing_buttons(page, user, next_url=None):
    return archive_buttons(page, user)
