"""The admin's "Import notes" view: upload, dry-run preview, confirm; errors with their lines."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conference.models import EventPage, TalkPage

pytestmark = pytest.mark.django_db
URL = "/admin/notes/import/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


def uploads(folder, notes_name="every-block.md", text=None):
    notes = text if text is not None else (folder / "every-block.md").read_bytes()
    images = [
        SimpleUploadedFile(p.name, p.read_bytes(), content_type="image/png")
        for p in sorted((folder / "images").iterdir())
    ]
    return {"notes": SimpleUploadedFile(notes_name, notes, content_type="text/markdown"), "images": images}


def test_the_url_is_the_one_registered_and_the_menu_shows_it(client, editor):
    client.force_login(editor)

    assert reverse("notes_import") == URL
    assert '"Import notes"' in client.get("/admin/").content.decode() and URL in client.get("/admin/").content.decode()
    page = client.get(URL).content.decode()
    assert "<title>Import notes" in page and 'type="file"' in page and "multiple" in page


def test_people_without_the_permission_get_no_view_and_no_menu_item(client, django_user_model):
    user = django_user_model.objects.create_user("writer", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(URL).status_code in (302, 403)
    assert URL not in client.get("/admin/").content.decode()

    group = Group.objects.create(name="Importers")
    group.permissions.add(Permission.objects.get(codename="import_notes"))
    user.groups.add(group)
    assert client.get(URL).status_code == 200


def test_a_preview_lists_what_would_change_and_writes_nothing_until_confirmed(client, editor, notes_dir):
    client.force_login(editor)

    preview = client.post(URL, {"action": "preview", "publish": "on", **uploads(notes_dir)})

    html = preview.content.decode()
    assert "Preview of every-block.md: 6 created, 0 updated, 0 unchanged (new: 2 speakers, 3 images)" in html
    assert "Will be created: talk “Every block in one talk”" in html
    assert not EventPage.objects.exists()
    token = preview.context["pending"].token

    done = client.post(URL, {"action": "confirm", "token": token})

    event = EventPage.objects.get(slug="pycon-notes-test")
    assert done.status_code == 302 and done.url == reverse("wagtailadmin_explore", args=[event.pk])
    assert TalkPage.objects.live().count() == 3
    assert TalkPage.objects.get(slug="every-block-in-one-talk").get_latest_revision().user == editor


def test_bad_notes_show_every_problem_with_its_line_and_offer_no_confirmation(client, editor, notes_dir):
    client.force_login(editor)
    text = (notes_dir / "every-block.md").read_text().replace("#### A subsection", "##### A subsection")

    response = client.post(URL, {"action": "preview", **uploads(notes_dir, text=text.encode())})

    html = response.content.decode()
    assert "1 problem in every-block.md: nothing was imported" in html
    assert "<code>every-block.md:53</code>" in html and "skips a level" in html and "Hint:" in html
    assert 'value="confirm"' not in html
    assert not EventPage.objects.exists()


def test_a_missing_image_upload_is_named(client, editor, notes_dir):
    client.force_login(editor)
    data = uploads(notes_dir)
    data["images"] = [f for f in data["images"] if f.name != "chart.png"]

    html = client.post(URL, {"action": "preview", **data}).content.decode()

    assert "<code>every-block.md:70</code> image file not found: images/chart.png" in html


def test_a_confirmation_without_its_preview_imports_nothing(client, editor):
    client.force_login(editor)

    response = client.post(URL, {"action": "confirm", "token": "made-up"}, follow=True)

    assert "That preview has expired" in response.content.decode()
    assert not EventPage.objects.exists()


def test_notes_the_site_already_matches_offer_nothing_to_confirm(client, editor, notes_dir):
    client.force_login(editor)
    token = client.post(URL, {"action": "preview", **uploads(notes_dir)}).context["pending"].token
    client.post(URL, {"action": "confirm", "token": token})

    html = client.post(URL, {"action": "preview", **uploads(notes_dir)}).content.decode()

    assert "0 created, 0 updated, 6 unchanged" in html and "Nothing to import" in html
    assert 'value="confirm"' not in html


def test_a_conflict_in_the_preview_points_at_the_overwrite_option(client, editor, notes_dir):
    client.force_login(editor)
    token = client.post(URL, {"action": "preview", **uploads(notes_dir)}).context["pending"].token
    client.post(URL, {"action": "confirm", "token": token})
    page = TalkPage.objects.get(slug="every-block-in-one-talk").get_latest_revision_as_object()
    page.room = "Changed in the admin"
    page.save_revision(user=editor)
    text = (notes_dir / "every-block.md").read_text().replace("room: Ballroom A", "room: Ballroom C")

    html = client.post(URL, {"action": "preview", **uploads(notes_dir, text=text.encode())}).content.decode()

    assert "was edited in the admin since it was last imported" in html and "Overwrite admin edits" in html

    forced = client.post(URL, {"action": "preview", "force": "on", **uploads(notes_dir, text=text.encode())})
    client.post(URL, {"action": "confirm", "token": forced.context["pending"].token})
    assert TalkPage.objects.get(slug="every-block-in-one-talk").get_latest_revision_as_object().room == "Ballroom C"


def test_an_image_over_the_upload_limit_is_refused_before_anything_runs(client, editor, notes_dir, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    client.force_login(editor)

    html = client.post(URL, {"action": "preview", **uploads(notes_dir)}).content.decode()

    assert "is larger than 100" in html and "Preview of" not in html


def test_after_a_failed_check_the_editor_sends_only_the_missing_image(client, editor, notes_dir):
    client.force_login(editor)
    data = uploads(notes_dir)
    chart = next(f for f in data["images"] if f.name == "chart.png")
    data["images"] = [f for f in data["images"] if f.name != "chart.png"]
    failed = client.post(URL, {"action": "preview", "publish": "on", **data}).content.decode()
    assert "image file not found: images/chart.png" in failed
    assert "Kept from your last upload: every-block.md" in failed

    chart.seek(0)
    retry = client.post(URL, {"action": "preview", "publish": "on", "images": [chart]})

    assert "Preview of every-block.md: 6 created" in retry.content.decode()
    client.post(URL, {"action": "confirm", "token": retry.context["pending"].token})
    assert TalkPage.objects.live().count() == 3


def test_an_upload_is_bound_to_the_editor_who_made_it(client, editor, notes_dir, django_user_model):
    client.force_login(editor)
    token = client.post(URL, {"action": "preview", **uploads(notes_dir)}).context["pending"].token
    other = django_user_model.objects.create_superuser("other", "other@example.org", "pw")
    client.force_login(other)
    session = client.session
    session["notes_import"] = token  # even with the token in their own session
    session.save()

    response = client.post(URL, {"action": "confirm", "token": token}, follow=True)

    assert "That preview has expired" in response.content.decode()
    assert not EventPage.objects.exists()


def test_uploads_expire_after_a_day(client, editor, notes_dir, time_machine):
    time_machine.move_to("2026-01-01 12:00Z", tick=False)
    client.force_login(editor)
    token = client.post(URL, {"action": "preview", **uploads(notes_dir)}).context["pending"].token
    time_machine.move_to("2026-01-02 12:01Z", tick=False)

    response = client.post(URL, {"action": "confirm", "token": token}, follow=True)

    assert "That preview has expired" in response.content.decode()
    assert not EventPage.objects.exists()


def test_a_notes_file_over_the_size_limit_is_refused_with_the_setting_to_change(client, editor, settings):
    settings.NOTES_MAX_BYTES = 1000
    client.force_login(editor)
    notes = SimpleUploadedFile("big.md", b"x" * 2000, content_type="text/markdown")

    html = client.post(URL, {"action": "preview", "notes": notes}).content.decode()

    assert "over the limit of 1000" in html and "NOTES_MAX_BYTES" in html


def test_the_preview_shows_the_warnings_with_their_lines(client, editor, notes_dir):
    client.force_login(editor)
    text = (notes_dir / "every-block.md").read_text().replace("```bash\necho", "```klingon\necho")

    html = client.post(URL, {"action": "preview", **uploads(notes_dir, text=text.encode())}).content.decode()

    assert "Preview of every-block.md: 6 created" in html and "2 warnings" in html
    assert "<code>every-block.md:108</code> warning: unknown code language" in html
    assert "<code>every-block.md:114</code> warning: the talk “A talk with only a title” has no notes" in html
    assert "warning: unknown code language &#x27;klingon&#x27;: the code is imported as plain text" in html
    assert 'value="confirm"' in html  # warnings do not stop the import
