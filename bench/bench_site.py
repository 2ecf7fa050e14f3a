"""A throwaway site for the import and export benchmarks: a temporary folder with its own SQLite
database and media, Django set up on it and the database migrated, removed at the end unless kept."""

import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site"), str(ROOT / "bench")]


@contextlib.contextmanager
def temporary_site(prefix: str, keep: bool = False):
    """Yield the folder of a freshly migrated site (`bench.sqlite3`, `media/`)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings.dev"
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = str(folder / "bench.sqlite3")
    settings.MEDIA_ROOT = str(folder / "media")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        yield folder
    finally:
        if keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
