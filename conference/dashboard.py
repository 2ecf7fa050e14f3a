"""The admin dashboard's panels for this site: my events, and pages with accessibility problems.

"Waiting for my review" is Wagtail's own "Awaiting your review" panel, kept as it is: it already lists
exactly the pages whose review task the user may act on (Moderators, for "Moderator approval").
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from wagtail.admin.ui.components import Component
from wagtail.fields import StreamField
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import DayPage, EventPage, TalkPage

# How many pages with problems the panel lists (most recently published first).
PROBLEM_PAGES_SHOWN = 20


class UserPanel(Component):
    """A dashboard panel about what one user may see and do."""

    def __init__(self, user):
        self.user = user


class MyEventsPanel(UserPanel):
    """Events the user may add pages under, each with "Add a day" and "Add a talk" under each day."""

    name = "conference_my_events"
    template_name = "conference/admin/dashboard_my_events.html"
    order = 50

    def get_context_data(self, parent_context):
        # Decided from the user's cached page permissions (tree paths): no query per event.
        policy = PagePermissionPolicy()
        events = [
            event
            for event in EventPage.objects.order_by("-start_date")
            if policy.user_has_permission_for_instance(self.user, "add", event)
        ]
        days = DayPage.objects.filter(depth__in={e.depth + 1 for e in events}).order_by("path") if events else []
        for event in events:
            event.admin_days = [day for day in days if day.path.startswith(event.path)]
        return {"events": events}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        return render_to_string(self.template_name, context) if context["events"] else ""


def error_messages(error) -> list[str]:
    """Every message inside a (nested) StreamField validation error, in order."""
    if hasattr(error, "as_json_data"):  # a block's error: messages nested by block
        data = error.as_json_data()
    else:
        return list(getattr(error, "messages", [str(error)]))
    found = []

    def walk(node):
        if isinstance(node, dict):
            for message in node.get("messages", []):
                found.append(message)
            for key, child in node.items():
                if key != "messages":
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(data)
    return found


def publish_problems(page) -> list[str]:
    """What publishing this page's content now would refuse: each StreamField checked as on publish."""
    problems = []
    values = [(field, getattr(page, field.name)) for field in page._meta.get_fields() if isinstance(field, StreamField)]
    if isinstance(page, TalkPage):
        for talk in page.lightning_talks.all():
            values.append((talk._meta.get_field("notes"), talk.notes))
    for field, value in values:
        try:
            field.stream_block.clean(value)
        except ValidationError as error:
            problems.extend(error_messages(error))
    return problems


def cached_publish_problems(page) -> list[str]:
    """Checked once per published version of the page: the dashboard does not re-check unchanged pages."""
    key = f"conference:publish-problems:{page.pk}:{page.live_revision_id}"
    problems = cache.get(key)
    if problems is None:
        problems = publish_problems(page)
        cache.set(key, problems, timeout=None)
    return problems


class AccessibilityProblemsPanel(UserPanel):
    """Live pages the user may edit whose content fails the publish-time checks (alt text, heading order,
    table captions and headings, code languages): content published before a rule existed, or imported."""

    name = "conference_accessibility_problems"
    template_name = "conference/admin/dashboard_accessibility.html"
    order = 60

    def get_context_data(self, parent_context):
        editable = PagePermissionPolicy().instances_user_has_permission_for(self.user, "change")
        pages = editable.live().type(TalkPage, EventPage).specific().order_by("-last_published_at")
        rows = []
        for page in pages:
            problems = cached_publish_problems(page)
            if problems:
                rows.append((page, problems))
                if len(rows) == PROBLEM_PAGES_SHOWN:
                    break
        return {"rows": rows}
