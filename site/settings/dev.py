"""Local development: SQLite, local media, DEBUG on. Never used in production."""

from .base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# A development-only key: it signs nothing that leaves this machine.
SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
