from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conference.archive.build import export
from conference.archive.exporter import ExportError
from conference.archive.search import ArchiveSearchError
from conference.models import EventPage


class Command(BaseCommand):
    help = (
        "Write a static archive of one event: its public pages, calendars, schedule files, feeds, CSS and "
        "images as plain files with relative links (or under --base-url), searchable without a server "
        "(Pagefind). --zip writes one ZIP file; --to s3://bucket/prefix uploads it. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("event", metavar="EVENT_SLUG", help="The slug of the event page, e.g. djangocon-us-2023.")
        parser.add_argument("-o", "--output", type=Path, help="Folder to write (default: ./<EVENT_SLUG>).")
        parser.add_argument("--zip", action="store_true", help="Write <output>.zip instead of a folder.")
        parser.add_argument("--base-url", help="Absolute address the archive will be served from, for its links.")
        parser.add_argument("--to", metavar="s3://BUCKET/PREFIX", help="Upload the archive to this S3 location.")
        parser.add_argument(
            "--delete",
            action="store_true",
            help="With --to: delete objects under PREFIX the archive no longer has.",
        )

    def handle(self, *args, **options):
        slug = options["event"]
        event = EventPage.objects.live().public().filter(slug=slug).first()
        if event is None:
            raise CommandError(f"EVENT_SLUG: no live, public event page has the slug “{slug}”.")
        base_url = options["base_url"]
        if base_url and not base_url.startswith(("http://", "https://")):
            raise CommandError(f"--base-url must be an absolute http(s) address, not “{base_url}”.")
        if options["delete"] and not options["to"]:
            raise CommandError("--delete only applies to an upload (--to s3://bucket/prefix).")
        destination = None
        if options["to"]:
            from conference.archive.s3 import S3Destination

            try:
                destination = S3Destination.parse(options["to"])
            except ValueError as error:
                raise CommandError(f"--to: {error}") from None
        output = options["output"] or Path(slug)
        if destination and options["zip"]:
            raise CommandError("--to uploads the archive's files; it cannot be combined with --zip.")
        progress = ProgressBar(self.stdout) if _isatty(self.stdout._out) and options["verbosity"] > 0 else None
        try:
            summary = export(event, output, as_zip=options["zip"], base_url=base_url, progress=progress)
        except (ExportError, ArchiveSearchError) as error:
            raise CommandError(str(error)) from None
        finally:
            if progress:
                progress.finish()
        self.stdout.write(f"Archive of {event.title} written to {summary.output}: {summary}.")
        if destination:
            from conference.archive.s3 import UploadError

            try:
                report = destination.upload(summary.output, delete=options["delete"])
            except UploadError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Uploaded to {destination}: {report}.")


class ProgressBar:
    """A one-line bar redrawn in place; only used when the output is a terminal."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, done: int, known: int) -> None:
        filled = self.WIDTH * done // max(known, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{known} pages and files", ending="")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("", ending="\n")


def _isatty(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()
