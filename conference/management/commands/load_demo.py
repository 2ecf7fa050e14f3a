import json
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from conference.demo.loader import DemoLoader
from conference.demo.schema import DemoDataError

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "demo" / "djangocon-us-2023.json"


class Command(BaseCommand):
    help = (
        "Load the DjangoCon US 2023 demo notes (event, days, talks, speakers, images) into the page tree. "
        "All or nothing, and idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="The demo data file (JSON).")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None

        loader = DemoLoader(data)
        try:
            with transaction.atomic():
                report = loader.run()
        except DemoDataError as error:
            # The database rolled back; remove image files this run wrote so nothing is left behind.
            for name in loader.report.new_files:
                default_storage.delete(name)
            raise CommandError(f"{path}: {error}. Nothing was loaded.") from None

        for label in report.created:
            self.stdout.write(f"  created {label}")
        for label in report.updated:
            self.stdout.write(f"  updated {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {len(report.created)} created, {len(report.updated)} updated, "
                f"{report.unchanged} unchanged."
            )
        )
