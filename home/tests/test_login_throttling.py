"""Login throttling (django-axes): a handful of wrong passwords pauses that username from that address."""

import pytest

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
PASSWORD = "a-right-password-for-the-test"


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)


def attempt(client, password, username="admin", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def fail(client, times, **extra):
    """`times` wrong passwords; a fifth would lock the username out (AXES_FAILURE_LIMIT)."""
    for _ in range(min(times, 4)):
        response = attempt(client, "wrong", **extra)
        assert response.status_code == 200  # the login form again, with its error
        assert "Your username and password didn" in response.content.decode()
    for _ in range(times - 4):
        assert attempt(client, "wrong", **extra).status_code == 429


def test_the_fifth_wrong_password_locks_the_username_out_even_for_the_right_one(client, admin):
    fail(client, 4)

    fifth = attempt(client, "wrong")
    locked = attempt(client, PASSWORD)

    assert fifth.status_code == 429

    assert locked.status_code == 429
    html = locked.content.decode()
    assert "<h1>Too many failed logins</h1>" in html
    assert "was wrong 5 times in a row from your address" in html and "paused for 15 minutes" in html
    assert locked["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_then_the_right_one_log_in_and_reset_the_count(client, admin):
    fail(client, 4)
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()

    fail(client, 4)
    assert attempt(client, PASSWORD).status_code == 302


def test_the_lockout_is_for_that_username_from_that_address_only(client, admin, django_user_model):
    django_user_model.objects.create_superuser("other", "other@example.org", PASSWORD)
    fail(client, 5)

    assert attempt(client, PASSWORD, username="other").status_code == 302
    client.logout()
    assert attempt(client, PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, admin, time_machine):
    time_machine.move_to("2026-01-01 12:00Z", tick=False)
    fail(client, 5)
    assert attempt(client, PASSWORD).status_code == 429

    time_machine.move_to("2026-01-01 12:16Z", tick=False)

    assert attempt(client, PASSWORD).status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lockout(client, admin):
    for n in range(5):
        attempt(client, "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    assert attempt(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_behind_a_configured_proxy_the_forwarded_address_is_the_client(client, admin, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail(client, 5, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert attempt(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429

    # Another client behind the same proxy (same REMOTE_ADDR) is not locked out.
    assert attempt(client, PASSWORD, HTTP_X_FORWARDED_FOR="forged, 203.0.113.6").status_code == 302
