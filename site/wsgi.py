"""WSGI entry point: `gunicorn --pythonpath site wsgi:application`.

`site/` is on the import path (see manage.py for why it is not a package); the
project root must be too, so that the apps import.
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
