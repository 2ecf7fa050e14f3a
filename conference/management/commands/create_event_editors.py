from django.core.management.base import BaseCommand, CommandError

from conference.editors import EditorialSetupError, set_up_event_editing
from conference.models import EventPage


class Command(BaseCommand):
    help = (
        "Set up editing for one event: the group “Editors: <event title>” (may add and edit pages under that "
        "event only, and upload images into its collection), the site-wide Moderators and Accessibility "
        "reviewers groups, and the review workflow on the event so editors' work waits for a moderator. "
        "Idempotent and all-or-nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("event_slug", metavar="EVENT_SLUG", help="The event page's slug, e.g. djangocon-us-2023.")
        parser.add_argument(
            "--user",
            action="append",
            default=[],
            dest="usernames",
            metavar="USERNAME",
            help="Also add this existing user to the event's editors (repeat for several).",
        )

    def handle(self, *args, event_slug, usernames, **options):
        events = list(EventPage.objects.filter(slug=event_slug))
        if not events:
            known = ", ".join(EventPage.objects.order_by("slug").values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No event has the slug {event_slug!r}. Known event slugs: {known}.")
        if len(events) > 1:
            raise CommandError(f"Several events have the slug {event_slug!r}; give each event its own slug first.")
        event = events[0]
        try:
            group, report = set_up_event_editing(event, usernames)
        except EditorialSetupError as error:
            raise CommandError(str(error)) from None

        for change in report.changes:
            self.stdout.write(f"  {change}")
        summary = f"{len(report.changes)} change{'s' if len(report.changes) != 1 else ''}"
        self.stdout.write(
            self.style.SUCCESS(f"Editing is set up for {event.title} ({summary}): add its editors to “{group.name}”.")
        )
