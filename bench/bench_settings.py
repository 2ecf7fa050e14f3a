"""settings.production for the benchmarks (bench/pages.py): media on local disk, SQLite or PostgreSQL.

Everything else (middleware, page cache, WhiteNoise, DEBUG off) is production's own. The
environment still has to satisfy settings.production (bench/pages.py sets it).
"""

import os

from settings.production import *  # noqa: F401,F403
from settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ["BENCH_MEDIA_ROOT"]},
    },
}
if os.environ.get("BENCH_SQLITE_PATH"):
    # Kept open between requests, as settings.production keeps its PostgreSQL connections.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ["BENCH_SQLITE_PATH"],
            "CONN_MAX_AGE": 60,
        }
    }
