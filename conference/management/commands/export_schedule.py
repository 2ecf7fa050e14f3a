"""Write an event's schedule.json (c3voc/pretalx) and schedule.xml (frab) to files."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conference.models import EventPage
from conference.schedule.formats.export import ScheduleExport


class Command(BaseCommand):
    help = (
        "Write an event's schedule as schedule.json (c3voc/pretalx format) and schedule.xml (frab format), "
        "the same files the site serves at /<event>/schedule.json and .xml."
    )

    def add_arguments(self, parser):
        parser.add_argument("event", help="The event's slug.")
        parser.add_argument("--output-dir", default=".", help="Where to write the files (default: here).")
        parser.add_argument("--format", choices=["json", "xml", "both"], default="both")
        parser.add_argument(
            "--base-url",
            help="The site's address for the links in the files, e.g. https://notes.example.org "
            "(default: the site's own root URL).",
        )

    def handle(self, *args, event, output_dir, format, base_url, **options):
        page = EventPage.objects.live().filter(slug=event).first()
        if page is None:
            known = ", ".join(EventPage.objects.live().values_list("slug", flat=True)) or "none"
            raise CommandError(f"No published event with the slug “{event}” (published events: {known}).")
        root = (base_url or page.get_site().root_url).rstrip("/")
        export = ScheduleExport(page, absolute=lambda path: path if "://" in path else root + path)
        folder = Path(output_dir)
        if not folder.is_dir():
            raise CommandError(f"--output-dir {folder} is not a folder.")
        if format in ("json", "both"):
            target = folder / "schedule.json"
            target.write_text(json.dumps(export.as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            self.stdout.write(f"Wrote {target}")
        if format in ("xml", "both"):
            target = folder / "schedule.xml"
            target.write_bytes(export.as_xml())
            self.stdout.write(f"Wrote {target}")
