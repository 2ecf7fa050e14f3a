import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from conference.demo.images import write_demo_images
from conference.notes.cli import run_import

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "demo" / "djangocon-us-2023.md"


class Command(BaseCommand):
    help = (
        "Load the DjangoCon US 2023 demo notes (event, days, talks, speakers, images) into the page tree "
        "through the notes importer, published. All or nothing, and idempotent: a second run changes nothing. "
        "Demo pages edited in the admin since they were loaded are kept as they are (--force replaces them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="The demo notes file (Markdown).")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite demo pages edited in the admin since they were loaded."
        )

    def handle(self, *args, **options):
        path = options["file"]
        # The demo's images are drawn, not stored: draw them beside a copy of nothing but
        # themselves, and let the notes' image paths resolve in that folder.
        with tempfile.TemporaryDirectory(prefix="demo-images-") as folder:
            write_demo_images(folder)
            run_import(
                self,
                path,
                images=folder,
                publish=True,
                force=options["force"],
                # `make run` loads the demo whenever its notes change: an editor's work on
                # the demo pages is kept and reported rather than stopping the server's start.
                keep_edited=True,
                verbosity=options["verbosity"],
                verb="Demo loaded from",
            )
