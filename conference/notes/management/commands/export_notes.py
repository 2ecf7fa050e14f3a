from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conference.models import EventPage
from conference.notes.exporter import export_event


class Command(BaseCommand):
    help = (
        "Export an event, its days and talks as Markdown notes (docs/notes-format.md), "
        "the format import_notes reads. With -o, the images are written to an images/ folder beside the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("event_slug", help="The event's slug, e.g. djangocon-us-2023.")
        parser.add_argument("-o", "--output", type=Path, help="The file to write (default: standard output).")

    def handle(self, *args, event_slug, output=None, **options):
        event = EventPage.objects.filter(slug=event_slug).first()
        if event is None:
            known = ", ".join(EventPage.objects.order_by("slug").values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No event with the slug {event_slug!r}. Events: {known}.")
        if output is None:
            markdown, _ = export_event(event)
            self.stdout.write(markdown, ending="")
            if "](images/" in markdown:
                self.stderr.write("The images were not written: use -o FILE to write them beside the notes.")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        markdown, images = export_event(event, output.parent)
        output.write_text(markdown, encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(f"Exported “{event.title}” to {output} with {len(images)} image(s) beside it.")
        )
