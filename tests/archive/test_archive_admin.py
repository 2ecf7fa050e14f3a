"""The admin's "Export archive" action: for those who may publish the event, built in the background."""

import io
import time
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from conference.archive import jobs
from conference.editors import MODERATORS, set_up_event_editing
from conference.factories import make_event_tree
from conference.tests.helpers import soup, text


@pytest.fixture
def event_tree(db):
    event, days, talks = make_event_tree(days=1, talks_per_day=2, title="Archive Conference")
    editors, _ = set_up_event_editing(event)
    return event, talks, editors


def user(django_user_model, name, *groups):
    account = django_user_model.objects.create_user(username=name, password="x", email=f"{name}@example.org")
    account.groups.set(groups)
    return account


def archive_button(client, event):
    page = soup(client.get(reverse("wagtailadmin_explore", args=[event.pk])))
    return page.find("a", href=reverse("conference_event_archive", args=[event.pk]))


def test_an_editor_who_cannot_publish_gets_no_button_and_no_archive(client, django_user_model, event_tree):
    event, _talks, editors = event_tree
    client.force_login(user(django_user_model, "ed", editors))

    assert archive_button(client, event) is None
    # Wagtail's admin answers a refused permission by sending the user back to the dashboard.
    for response in (
        client.get(reverse("conference_event_archive", args=[event.pk])),
        client.post(reverse("conference_event_archive", args=[event.pk])),
        client.get(reverse("conference_event_archive_download", args=[event.pk])),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert jobs.read_status(event) is None


# A real thread needs committed rows; serialized_rollback brings back the site that migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_moderator_builds_the_archive_in_the_background_and_downloads_it(client, django_user_model, event_tree):
    event, talks, _editors = event_tree
    client.force_login(user(django_user_model, "mo", Group.objects.get(name=MODERATORS)))
    assert text(archive_button(client, event)) == "Export archive"
    page_url = reverse("conference_event_archive", args=[event.pk])
    assert "No archive has been built yet." in text(soup(client.get(page_url)).main)

    started = time.monotonic()
    response = client.post(page_url, follow=True)

    # The request answered without waiting for the build.
    assert "is being built" in response.content.decode()
    deadline = started + 120
    while jobs.read_status(event).state == jobs.BUILDING and time.monotonic() < deadline:
        time.sleep(0.5)
    main = text(soup(client.get(page_url)).main)
    assert "Built " in main
    download = client.get(reverse("conference_event_archive_download", args=[event.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{event.slug}-archive.zip"'
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert {"index.html", "search/index.html", f"{talks[0].url.strip('/')}/index.html"} <= set(names)


def test_a_second_request_while_building_does_not_start_another(client, django_user_model, event_tree, settings):
    event, _talks, _editors = event_tree
    client.force_login(user(django_user_model, "mo", Group.objects.get(name=MODERATORS)))
    jobs.write_status(event, jobs.Status(state=jobs.BUILDING, started=jobs.timezone.now().isoformat()))

    response = client.post(reverse("conference_event_archive", args=[event.pk]), follow=True)

    assert "already being built" in response.content.decode()
    assert jobs.read_status(event).state == jobs.BUILDING


def test_a_failed_build_is_reported_on_the_page(client, django_user_model, event_tree, settings):
    event, _talks, _editors = event_tree
    settings.ARCHIVE_BUILD_IN_THREAD = False
    client.force_login(user(django_user_model, "mo", Group.objects.get(name=MODERATORS)))
    event.unpublish()  # the event page is no longer public: nothing to archive

    client.post(reverse("conference_event_archive", args=[event.pk]))

    alert = soup(client.get(reverse("conference_event_archive", args=[event.pk]))).find(attrs={"role": "alert"})
    assert "The last build failed: The event page" in text(alert)
