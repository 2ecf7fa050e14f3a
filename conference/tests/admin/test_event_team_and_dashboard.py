"""Events ready for their team when created, the Team page, and this site's dashboard panels."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import WorkflowPage

from conference.editors import MODERATORS, REVIEW_WORKFLOW, set_up_event_editing
from conference.factories import home_page, make_day, make_event, make_talk
from conference.models import EventPage
from conference.tests.editorial.admin_forms import page_form_data

BAD_BODY = [("heading", {"level": "h2", "text": "Start"}), ("heading", {"level": "h4", "text": "Too deep"})]


def test_creating_an_event_in_the_admin_creates_its_groups_and_review_workflow(admin_client, db):
    url = reverse("wagtailadmin_pages:add", args=("conference", "eventpage", home_page().pk))
    data = page_form_data(
        admin_client.get(url).content.decode(),
        model=EventPage,
        title="PyCon Q",
        slug="pycon-q",
        start_date="2024-05-01",
        end_date="2024-05-02",
        location="Pittsburgh",
    )

    assert admin_client.post(url, data).status_code == 302

    event = EventPage.objects.get(slug="pycon-q")
    assert Group.objects.filter(name="Editors: PyCon Q").exists()
    assert WorkflowPage.objects.get(page=event).workflow.name == REVIEW_WORKFLOW


def test_the_team_page_adds_and_removes_people(admin_client, django_user_model, db):
    event = make_event("PyCon T")
    editors, _ = set_up_event_editing(event)
    ada = django_user_model.objects.create_user("ada", password="x")
    url = reverse("conference_event_team", args=[event.pk])

    assert url in admin_client.get(reverse("wagtailadmin_explore", args=[event.pk])).content.decode()
    assert "Nobody yet." in admin_client.get(url).content.decode()
    admin_client.post(url, {"action": "add", "group": editors.pk, "user": ada.pk})
    assert list(ada.groups.all()) == [editors]
    page = BeautifulSoup(admin_client.get(url).content, "html.parser")
    assert page.find("button", string="Remove ada from Editors: PyCon T") is not None

    admin_client.post(url, {"action": "remove", "group": editors.pk, "user": ada.pk})
    assert not ada.groups.exists()


def test_the_team_page_needs_the_permission_to_manage_users(client, django_user_model, db):
    event = make_event()
    editors, _ = set_up_event_editing(event)
    editor = django_user_model.objects.create_user("ed", password="x")
    editor.groups.add(editors)
    client.force_login(editor)
    url = reverse("conference_event_team", args=[event.pk])

    refused = client.get(url)  # Wagtail turns a refusal into a redirect to the dashboard, with a message
    client.post(url, {"action": "add", "group": editors.pk, "user": editor.pk})

    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    assert "Remove" not in client.get(url, follow=True).content.decode()


@pytest.fixture
def two_events(db):
    mine = make_event("Mine", start_date=datetime.date(2024, 1, 1))
    theirs = make_event("Theirs", start_date=datetime.date(2024, 2, 1))
    my_day = make_day(mine, title="Monday", date=mine.start_date)
    their_day = make_day(theirs, title="Friday", date=theirs.start_date)
    make_talk(my_day, title="My bad talk", body=BAD_BODY)
    make_talk(their_day, title="Their bad talk", body=BAD_BODY)
    editors, _ = set_up_event_editing(mine)
    set_up_event_editing(theirs)
    return mine, my_day, editors


def dashboard(client):
    return BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")


def test_an_editor_sees_their_events_with_links_to_add_a_day_or_a_talk(client, django_user_model, two_events):
    mine, my_day, editors = two_events
    editor = django_user_model.objects.create_user("ed", password="x")
    editor.groups.add(editors)
    client.force_login(editor)

    panel = dashboard(client).find("section", attrs={"aria-labelledby": "conference-my-events-heading"})

    assert panel.find("a", string="Mine") is not None
    assert panel.find("a", string="Theirs") is None
    add_day = reverse("wagtailadmin_pages:add", args=("conference", "daypage", mine.pk))
    add_talk = reverse("wagtailadmin_pages:add", args=("conference", "talkpage", my_day.pk))
    assert panel.find("a", href=add_day).text == "Add a day to Mine"
    assert panel.find("a", href=add_talk).text == "Add a talk to Monday"


def test_pages_with_accessibility_problems_are_listed_for_those_who_may_edit_them(
    client, django_user_model, two_events
):
    _mine, _day, editors = two_events
    editor = django_user_model.objects.create_user("ed", password="x")
    editor.groups.add(editors)
    client.force_login(editor)

    panel = dashboard(client).find("section", attrs={"aria-labelledby": "conference-a11y-heading"})

    assert [a.text for a in panel.select(".conference-dashboard-list a")] == ["My bad talk"]
    assert "“Too deep” is an h4, which skips a level" in panel.text


def test_moderators_keep_wagtails_awaiting_your_review_panel(client, django_user_model, two_events):
    moderator = django_user_model.objects.create_user("mo", password="x")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    page = dashboard(client)
    assert page.find(attrs={"aria-labelledby": "conference-a11y-heading"}).find("a", string="Their bad talk")


def test_the_my_events_panel_runs_as_many_queries_for_four_events_as_for_one(client, django_user_model, db):
    moderator = django_user_model.objects.create_user("mo", password="x")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)

    def count():
        client.get(reverse("wagtailadmin_home"))  # warm Wagtail's own per-request caches
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("wagtailadmin_home"))
        return len(queries)

    make_day(make_event(), title="A day")
    one = count()
    for _ in range(3):
        make_day(make_event(), title="A day")
    assert count() == one


def test_an_event_made_before_this_is_set_up_from_its_team_page(admin_client, db):
    event = make_event("Older Conf")  # made outside the admin: no hook ran
    url = reverse("conference_event_team", args=[event.pk])
    assert "Set up editing for Older Conf" in admin_client.get(url).content.decode()

    admin_client.post(url, {"action": "set-up"})

    assert WorkflowPage.objects.get(page=event).workflow.name == REVIEW_WORKFLOW
    assert Group.objects.filter(name="Editors: Older Conf").exists()
