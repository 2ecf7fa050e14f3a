"""The admin's "Import schedule": preview (a dry run), then confirm; the notes import's permission."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conference.models import EventPage, TalkPage

pytestmark = pytest.mark.django_db

SMALL_JSON = Path(__file__).parent / "fixtures" / "small.json"


def upload(**extra):
    return {"action": "preview", "file": SimpleUploadedFile("small.json", SMALL_JSON.read_bytes()), **extra}


def test_preview_shows_what_would_change_and_writes_nothing_then_confirm_imports(admin_client):
    url = reverse("schedule_import")

    preview = admin_client.post(url, upload(publish="on"))

    document = BeautifulSoup(preview.content, "html.parser")
    assert "Preview of small.json: 11 created" in document.find(id="schedule-preview-heading").text
    assert "Will be created talk “Opening keynote” on 2024-10-26 at 09:00" in document.text
    assert not TalkPage.objects.exists()
    token = document.find("input", attrs={"name": "token"})["value"]

    done = admin_client.post(url, {"action": "confirm", "token": token}, follow=True)

    assert "Imported small.json (published): 11 created" in done.content.decode()
    assert TalkPage.objects.filter(live=True).count() == 4
    assert EventPage.objects.get().acronym == "fixcon_2024"


def test_errors_are_listed_and_nothing_is_written(admin_client):
    bad = SimpleUploadedFile("bad.json", SMALL_JSON.read_bytes().replace(b'"01:00"', b'"an hour"'))

    response = admin_client.post(reverse("schedule_import"), {"action": "preview", "file": bad})

    document = BeautifulSoup(response.content, "html.parser")
    assert "1 problem in bad.json: nothing was imported" in document.find(id="schedule-errors-heading").text
    assert "“an hour” is not a duration as H:MM" in document.find(class_="schedule-import-errors").text
    assert not TalkPage.objects.exists()


def test_a_file_or_an_address_is_needed(admin_client):
    response = admin_client.post(reverse("schedule_import"), {"action": "preview"})

    assert "Choose a schedule file or give its address." in response.content.decode()


def test_only_those_who_may_import_notes_may_import_a_schedule(client):
    user = User.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(reverse("schedule_import"))

    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert (response.status_code, response.url) == (302, "/admin/")
