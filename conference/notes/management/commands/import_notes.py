from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conference.notes.files import read_notes
from conference.notes.importer import NotesImporter
from conference.notes.spec import NotesError, problem_lines


class Command(BaseCommand):
    help = (
        "Import conference notes written in Markdown (docs/notes-format.md) into the page tree: "
        "creates or updates the event, its days and talks, matched by slug. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The notes file (Markdown).")
        parser.add_argument("--images", type=Path, help="Folder the image paths are relative to (default: the file's).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish what changes (default: save drafts).")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite pages edited in the admin since they were last imported."
        )
        parser.add_argument(
            "--strict", action="store_true", help="Treat warnings (what the import would change or drop) as errors."
        )

    def handle(self, *args, **options):
        keys = ("images", "dry_run", "publish", "force", "verbosity", "strict")
        run_import(self, options["file"], **{k: options[k] for k in keys})


def run_import(
    command,
    path,
    *,
    images=None,
    dry_run=False,
    publish=False,
    force=False,
    keep_edited=False,
    verbosity=1,
    verb="Imported",
    strict=False,
):
    """Parse and import one notes file, reporting to `command`'s output; CommandError on any problem."""
    out = command.stdout
    try:
        spec = read_notes(path, images)
        if strict and spec.warnings:
            raise NotesError(str(path), [warning.as_error() for warning in spec.warnings])
        importer = NotesImporter(
            spec,
            path,
            publish=publish,
            force=force,
            keep_edited=keep_edited,
            dry_run=dry_run,
            progress=lambda change: _progress(out, change, dry_run, verbosity),
            defer_indexing=True,  # a command runs alone in its process
        )
        report = importer.run()
    except NotesError as error:
        raise CommandError("\n".join(error.lines()) + "\nNothing was written.") from None
    for line in problem_lines(str(path), report.warnings):
        out.write(command.style.WARNING(line) if line.startswith(str(path)) else line)
    for title in report.left_alone:
        out.write(f"  not in the notes, left as it is: “{title}”")
    if dry_run:
        out.write(command.style.WARNING(f"Dry run of {path}: {report.summary()}. Nothing was written."))
    else:
        out.write(command.style.SUCCESS(f"{verb} {path}: {report.summary()}."))
    return report


def _progress(out, change, dry_run, verbosity):
    if verbosity >= 2 or (verbosity >= 1 and change.action != "unchanged"):
        out.write(f"  {'would be ' if dry_run else ''}{change}")
