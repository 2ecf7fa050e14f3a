"""The schedule's addresses outside Wagtail's page serving (the event's "All talks" is in routes.py)."""

from django.urls import path, re_path

from . import files, views

# A page's path as Wagtail's own serve pattern reads it: slugs, each followed by a slash.
PAGE = r"(?P<page_path>(?:[\w\-]+/)+)"

urlpatterns = [
    path("tags/<str:slug>/", views.tag_talks, name="tag_talks"),
    path("speakers/<slug:slug>/calendar.ics", files.speaker_calendar, name="speaker_calendar"),
    # Most specific first: a page path would also match `<event>/tracks/<slug>/`.
    re_path(rf"^{PAGE}tracks/(?P<track>[\w\-]+)/calendar\.ics$", files.track_calendar, name="track_calendar"),
    re_path(rf"^{PAGE}calendar\.ics$", files.page_calendar, name="page_calendar"),
    re_path(rf"^{PAGE}schedule\.json$", files.schedule_json, name="schedule_json"),
    re_path(rf"^{PAGE}schedule\.xml$", files.schedule_xml, name="schedule_xml"),
]
