"""Settings for the pytest suite (pytest.ini points here)."""

import os

from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECRET_KEY = "test-only-insecure-key"  # noqa: S105

# Fast hashing keeps login-heavy tests quick; never used outside tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

# `DATABASE_URL` runs the suite on another database, e.g. PostgreSQL (make test-postgres);
# pytest-django creates and migrates its own test_<name> database there.
if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
