"""The admin import preview renders each new talk as readers will see it; problems sit beside their lines;
an event's notes export as a ZIP that reads back in."""

import io
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from conference.models import EventPage, TalkPage
from conference.notes.admin_export import event_zip

from .test_notes_admin import URL, uploads

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


def test_the_preview_renders_each_new_talk_with_the_public_template_and_writes_nothing(client, editor, notes_dir):
    client.force_login(editor)

    preview = client.post(URL, {"action": "preview", **uploads(notes_dir)})

    soup = BeautifulSoup(preview.content, "html.parser")
    frames = soup.select("iframe.notes-import-frame")
    titles = [f["title"] for f in frames]
    assert titles[0] == "Preview of the talk “Every block in one talk”"
    assert "Preview of the talk “Lightning talks”" in titles
    talk = BeautifulSoup(frames[0]["srcdoc"], "html.parser")
    assert talk.find("h1").text.strip() == "Every block in one talk"
    assert talk.select_one("main table caption") is not None  # the body's blocks, through their templates
    assert not TalkPage.objects.exists() and not EventPage.objects.exists()


def test_a_problem_is_shown_beside_its_line_and_the_format_is_linked(client, editor, notes_dir):
    client.force_login(editor)
    text = (notes_dir / "every-block.md").read_text().replace("kind: keynote", "kind: sermon", 1)
    assert "kind: sermon" in text

    response = client.post(URL, {"action": "preview", **uploads(notes_dir, text=text.encode())})

    soup = BeautifulSoup(response.content, "html.parser")
    bad = soup.select_one("tr.notes-import-line-bad")
    assert bad.find("code").text == "kind: sermon"
    assert "sermon" in bad.find_all("td")[1].text
    assert client.get(URL).content.decode().count(reverse("notes_format")) == 1
    doc = BeautifulSoup(client.get(reverse("notes_format")).content, "html.parser")
    assert doc.select_one(".notes-format-doc h1") is not None


def import_every_block(client, notes_dir):
    preview = client.post(URL, {"action": "preview", "publish": "on", **uploads(notes_dir)})
    token = preview.context["pending"].token
    client.post(URL, {"action": "confirm", "token": token})
    return EventPage.objects.get()


def test_export_notes_downloads_the_markdown_and_its_images_as_a_zip(client, editor, notes_dir):
    client.force_login(editor)
    event = import_every_block(client, notes_dir)

    explorer = client.get(reverse("wagtailadmin_explore", args=[event.pk])).content.decode()
    response = client.get(reverse("notes_export", args=[event.pk]))

    assert reverse("notes_export", args=[event.pk]) in explorer
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}-notes.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert f"{event.slug}.md" in names
    images = [n for n in names if n.startswith("images/")]
    assert len(images) == 3
    markdown = archive.read(f"{event.slug}.md").decode()
    assert "## Every block in one talk" in markdown
    assert all(f"({name})" in markdown for name in images)
    assert response.content[:2] == b"PK" and event_zip(event)[:2] == b"PK"


def test_export_needs_the_permission_to_edit_the_event(client, editor, django_user_model, notes_dir):
    client.force_login(editor)
    event = import_every_block(client, notes_dir)

    reader = django_user_model.objects.create_user("reader", password="pw")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)

    refused = client.get(reverse("notes_export", args=[event.pk]))
    assert refused.status_code in (302, 403) and refused.get("Content-Type") != "application/zip"


def test_the_previews_images_are_inline_and_leave_no_file_behind(client, editor, notes_dir, settings):
    client.force_login(editor)

    preview = client.post(URL, {"action": "preview", **uploads(notes_dir)})

    frame = BeautifulSoup(preview.content, "html.parser").select_one("iframe.notes-import-frame")
    image = BeautifulSoup(frame["srcdoc"], "html.parser").select_one("figure.block-image img")
    assert image["src"].startswith("data:image/png;base64,")
    assert image["alt"] == "A bar chart of two values, 40 and 60"
    # Only the upload waiting for its confirmation is kept (in storage, see uploads.py); no image or rendition.
    media = Path(settings.MEDIA_ROOT)
    kept = [p for p in media.rglob("*") if p.is_file() and not p.relative_to(media).parts[0] == "notes-imports"]
    assert kept == []


def test_a_changed_talk_is_previewed_with_its_new_text_and_the_site_keeps_the_old(client, editor, notes_dir):
    client.force_login(editor)
    import_every_block(client, notes_dir)
    text = (notes_dir / "every-block.md").read_text().replace("A talk that holds", "A talk, changed, that holds", 1)

    preview = client.post(URL, {"action": "preview", **uploads(notes_dir, text=text.encode())})

    frames = BeautifulSoup(preview.content, "html.parser").select("iframe.notes-import-frame")
    assert [f["title"] for f in frames] == ["Preview of the talk “Every block in one talk”"]
    assert "(will be updated; line 20)" in preview.content.decode()
    assert "A talk, changed, that holds" in frames[0]["srcdoc"]
    assert "changed" not in TalkPage.objects.get(title="Every block in one talk").summary
