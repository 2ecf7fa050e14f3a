import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = Path(settings.BASE_DIR) / ".local" / "admin-password"


class Command(BaseCommand):
    help = (
        "Development only: make sure a local superuser 'admin' exists, with a random password kept in "
        ".local/admin-password (git-ignored), and say how to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--port", default="8000", help="The port `make run` serves on, for the login address.")

    def handle(self, *args, username, port, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_local_admin is for local development only (DEBUG is off): create users with createsuperuser."
            )
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else ""
        if user is None or not password or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User(username=username, email=f"{username}@localhost", is_staff=True, is_superuser=True)
            user.set_password(password)
            user.save()
            PASSWORD_FILE.parent.mkdir(exist_ok=True)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in at http://127.0.0.1:{port}/admin/ as '{username}' with the password "
                f"{password} (kept in .local/admin-password)."
            )
        )
