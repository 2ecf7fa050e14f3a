#!/usr/bin/env python
"""Django's command-line utility for Conference Notes.

`site/` holds the project configuration but is not a Python package (the
standard library already owns the name `site`), so it goes on the import path
here and its modules import as `settings.dev`, `urls` and `wsgi`.
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BASE_DIR / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
