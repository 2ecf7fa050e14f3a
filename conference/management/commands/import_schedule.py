"""Import a schedule.json (c3voc/pretalx) or schedule.xml (frab) as the Event → Day → Talk skeleton."""

from django.core.management.base import BaseCommand, CommandError

from conference.notes.cli import import_user
from conference.schedule.formats.read import ScheduleError, read_schedule
from conference.schedule.importer import ScheduleImporter
from conference.schedule.sources import load_source


class Command(BaseCommand):
    help = (
        "Import a conference schedule (schedule.json from pretalx/c3voc, or frab's schedule.xml) from a file or "
        "an http(s) address: creates or updates the event, its days, tracks, speakers and talks (matched by "
        "guid), never the talks' notes. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A file path or an http(s) address of schedule.json or schedule.xml.")
        parser.add_argument("--event", help="The slug of the event to import into (default: found by acronym).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish what changes (default: save drafts); pages the user may not publish are saved as drafts "
            "and submitted for review.",
        )
        parser.add_argument(
            "--user",
            help="Act as this user, with their page permissions; required on a site with several editor groups "
            "(otherwise the default is the operator, with all rights).",
        )

    def handle(self, *args, source, event, dry_run, publish, user, **options):
        acting = import_user(user)  # the same rule as import_notes
        try:
            schedule = read_schedule(load_source(source), source)
            importer = ScheduleImporter(
                schedule,
                source,
                event_slug=event,
                publish=publish,
                dry_run=dry_run,
                user=acting,
                defer_indexing=True,  # a command runs alone in its process
            )
            report = importer.run()
        except ScheduleError as error:
            raise CommandError("\n".join(error.lines()) + "\nNothing was written.") from None
        prefix = "  would be " if dry_run else "  "
        for line in report.lines:
            self.stdout.write(prefix + line)
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run of {source}: {report.summary()}. Nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {source}: {report.summary()}."))
