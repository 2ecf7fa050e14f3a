from pathlib import Path

from django.core.management.base import BaseCommand

from conference.notes.cli import import_user, run_import


class Command(BaseCommand):
    help = (
        "Import conference notes written in Markdown (docs/notes-format.md) into the page tree: "
        "creates or updates the event, its days and talks, matched by slug. All or nothing, "
        "with the page permissions of --user."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The notes file (Markdown).")
        parser.add_argument("--images", type=Path, help="Folder the image paths are relative to (default: the file's).")
        parser.add_argument(
            "--user",
            help="The user the import acts as: their page permissions apply and revisions are recorded as theirs "
            "(required on a site with several editor groups).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish what changes (default: save drafts). Pages the user may not publish are saved as "
            "drafts and submitted for review.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Overwrite pages edited in the admin since they were last imported."
        )
        parser.add_argument(
            "--strict", action="store_true", help="Treat warnings (what the import would change or drop) as errors."
        )

    def handle(self, *args, **options):
        keys = ("images", "dry_run", "publish", "force", "verbosity", "strict")
        run_import(self, options["file"], user=import_user(options["user"]), **{k: options[k] for k in keys})
