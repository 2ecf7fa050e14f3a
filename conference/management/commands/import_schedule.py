"""Import a schedule.json (c3voc/pretalx) or schedule.xml (frab) as the Event → Day → Talk skeleton."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

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
        parser.add_argument("--publish", action="store_true", help="Publish what changes (default: save drafts).")
        parser.add_argument(
            "--user", help="Act as this user, with their page permissions (default: the operator, with all rights)."
        )

    def handle(self, *args, source, event, dry_run, publish, user, **options):
        acting = None
        if user:
            acting = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: user}).first()
            if acting is None:
                raise CommandError(f"--user {user}: no such user.")
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
