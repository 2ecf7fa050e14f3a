"""`manage.py ensure_local_admin`: a local superuser for development, never anywhere else."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from home.management.commands import ensure_local_admin

User = get_user_model()


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    """Keep the command away from the repository's real .local/ folder."""
    path = tmp_path / ".local" / "admin-password"
    monkeypatch.setattr(ensure_local_admin, "PASSWORD_FILE", path)
    return path


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def run(*args):
    out = StringIO()
    call_command("ensure_local_admin", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_refuses_when_debug_is_off(password_file):
    with pytest.raises(CommandError, match="for local development only"):
        run()

    assert not User.objects.exists()
    assert not password_file.exists()


@pytest.mark.django_db
def test_creates_a_superuser_admin_whose_password_is_in_the_local_file(debug, password_file, client):
    output = run()

    password = password_file.read_text().strip()
    admin = User.objects.get(username="admin")
    assert (admin.is_superuser, admin.is_staff, admin.is_active) == (True, True, True)
    assert admin.check_password(password)
    assert len(password) >= 16
    assert password_file.stat().st_mode & 0o777 == 0o600
    assert "http://127.0.0.1:8000/admin/" in output
    assert password in output
    response = client.post("/admin/login/", {"username": "admin", "password": password})
    assert response.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_second_run_keeps_the_same_password(debug, password_file):
    run()
    first = password_file.read_text()

    run()

    assert password_file.read_text() == first
    assert User.objects.filter(username="admin").count() == 1


@pytest.mark.django_db
def test_a_stale_password_file_is_replaced_by_a_working_password(debug, password_file):
    run()
    admin = User.objects.get(username="admin")
    admin.set_password("changed-elsewhere-1234")
    admin.save()

    run()

    password = password_file.read_text().strip()
    assert password != "changed-elsewhere-1234"
    assert User.objects.get(username="admin").check_password(password)


@pytest.mark.django_db
def test_username_and_port_can_be_chosen(debug, password_file):
    output = run("--username", "editor", "--port", "8123")

    assert User.objects.get(username="editor").is_superuser
    assert "http://127.0.0.1:8123/admin/ as 'editor'" in output
