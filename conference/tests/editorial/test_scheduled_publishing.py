"""Go-live and expiry dates, set in the editor, take effect when `manage.py publish_scheduled` runs after them.

Time is moved with time-machine: "now" is 1 May 2024 09:00 UTC, the day of event A.
"""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from conference.models import TalkPage

from .admin_forms import page_form_data
from .test_moderation import workflow_action

UTC = datetime.UTC
NOW = datetime.datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
AT_TEN = datetime.datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
NEXT_WEEK = datetime.datetime(2024, 5, 8, 9, 0, tzinfo=UTC)


def admin_time(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")  # the admin's date-time widget format


def publish_scheduled():
    call_command("publish_scheduled", stdout=StringIO())


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def add_talk(client, day, action, **fields):
    add_url = reverse("wagtailadmin_pages:add", args=["conference", "talkpage", day.pk])
    form = client.get(add_url).content.decode()
    response = client.post(add_url, page_form_data(form, **fields, **{action: action}))
    assert response.status_code == 302, response.content.decode()[:2000]
    return TalkPage.objects.get(slug=fields["slug"])


@pytest.mark.django_db
def test_a_talk_with_a_go_live_date_appears_only_after_publish_scheduled_runs_past_it(
    clock, client, moderator, event_a
):
    client.force_login(moderator)
    talk = add_talk(
        client,
        event_a.day,
        "action-publish",
        title="Keynote at ten",
        slug="keynote-at-ten",
        go_live_at=admin_time(AT_TEN),
    )

    assert not talk.live
    assert talk.get_latest_revision().approved_go_live_at == AT_TEN
    assert client.get("/pycon-a/day-1/keynote-at-ten/").status_code == 404
    assert "Keynote at ten" not in client.get(event_a.day.url).content.decode()

    clock.move_to(AT_TEN - datetime.timedelta(minutes=1))
    publish_scheduled()
    talk.refresh_from_db()
    assert not talk.live  # not a minute early

    clock.move_to(AT_TEN + datetime.timedelta(minutes=1))
    publish_scheduled()

    talk.refresh_from_db()
    assert talk.live
    assert talk.first_published_at == AT_TEN + datetime.timedelta(minutes=1)
    assert client.get("/pycon-a/day-1/keynote-at-ten/").status_code == 200
    assert "Keynote at ten" in client.get(event_a.day.url).content.decode()


@pytest.mark.django_db
def test_a_talk_with_an_expiry_date_is_unpublished_after_it(clock, client, moderator, event_a):
    talk = event_a.talk
    client.force_login(moderator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[talk.pk])
    form = client.get(edit_url).content.decode()
    client.post(edit_url, page_form_data(form, expire_at=admin_time(NEXT_WEEK), **{"action-publish": "publish"}))
    talk.refresh_from_db()
    assert talk.live and talk.expire_at == NEXT_WEEK

    clock.move_to(NEXT_WEEK + datetime.timedelta(minutes=1))
    publish_scheduled()

    talk.refresh_from_db()
    assert not talk.live
    assert talk.expired
    assert client.get("/pycon-a/day-1/opening/").status_code == 404
    assert "Opening of PyCon A" not in client.get(event_a.day.url).content.decode()


@pytest.mark.django_db
def test_an_editors_scheduled_talk_waits_for_approval_and_then_for_its_date(
    clock, client, editor_a, moderator, event_a
):
    client.force_login(editor_a)
    talk = add_talk(
        client,
        event_a.day,
        "action-submit",
        title="Closing remarks",
        slug="closing-remarks",
        go_live_at=admin_time(AT_TEN),
    )
    assert not talk.live

    client.force_login(moderator)
    workflow_action(client, talk, "approve")

    talk.refresh_from_db()
    assert not talk.live  # approved, but scheduled: the date still holds
    assert talk.get_latest_revision().approved_go_live_at == AT_TEN

    clock.move_to(AT_TEN + datetime.timedelta(minutes=5))
    publish_scheduled()

    talk.refresh_from_db()
    assert talk.live
    assert client.get("/pycon-a/day-1/closing-remarks/").status_code == 200
