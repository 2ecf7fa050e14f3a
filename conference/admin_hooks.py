"""Admin hooks for editing conference pages (registered by importing this module from wagtail_hooks.py):
the speaker chooser, the page editor's helps, events set up for their team, the event's Team page and
"Export notes" action, and this site's dashboard panels."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.widgets import Button

from .dashboard import AccessibilityProblemsPanel, MyEventsPanel
from .editors import set_up_event_editing
from .event_team import EventTeamView, can_manage_team
from .models import EventPage
from .notes.admin_export import can_export
from .speaker_chooser import speaker_chooser_viewset


@hooks.register("register_admin_viewset")
def register_speaker_chooser():
    return speaker_chooser_viewset


@hooks.register("insert_editor_js")
def editor_js():
    return format_html('<script src="{}"></script>', static("conference/admin/editor.js"))


@hooks.register("insert_editor_css")
def editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("conference/admin/editor.css"))


@hooks.register("after_create_page")
def set_up_new_event(request, page):
    """A new event gets its editors group, permissions and review workflow at once: the same code as
    `manage.py create_event_editors`, which stays for scripting and for events made before this."""
    if isinstance(page.specific, EventPage):
        set_up_event_editing(page.specific)


@hooks.register("register_admin_urls")
def register_event_team_url():
    return [path("conference/events/<int:pk>/team/", EventTeamView.as_view(), name="conference_event_team")]


def event_buttons(page, user):
    if not isinstance(page.specific_deferred, EventPage):
        return []
    buttons = []
    if can_export(user, page.specific_deferred):
        buttons.append(
            Button("Export notes", reverse("notes_export", args=[page.pk]), icon_name="download", priority=61)
        )
    if can_manage_team(user):
        buttons.append(Button("Team", reverse("conference_event_team", args=[page.pk]), icon_name="group", priority=60))
    return buttons


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name=None, next_url=None):
    return event_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    return event_buttons(page, user)


@hooks.register("construct_homepage_panels")
def add_conference_panels(request, panels):
    panels.append(MyEventsPanel(request.user))
    panels.append(AccessibilityProblemsPanel(request.user))
