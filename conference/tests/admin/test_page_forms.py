"""The page forms: nothing created until saved, slug clashes shown on the title, day titles from the date,
help panels, and the lightning talks panel marked to show only for that kind."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from conference.factories import make_day, make_event, make_talk
from conference.models import DayPage, TalkPage
from conference.tests.editorial.admin_forms import page_form_data


def add_url(model_name, parent):
    return reverse("wagtailadmin_pages:add", args=("conference", model_name, parent.pk))


@pytest.fixture
def event(db):
    return make_event("PyCon Z", start_date=datetime.date(2023, 10, 16), end_date=datetime.date(2023, 10, 18))


def test_the_create_form_does_not_autosave_so_typing_a_title_creates_no_page(admin_client, event, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500
    day = make_day(event, date=datetime.date(2023, 10, 16))
    create = admin_client.get(add_url("talkpage", day))
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[day.pk]))

    assert "data-w-autosave-interval-value" not in create.content.decode()
    assert 'id="w-autosave-indicator"' not in create.content.decode()
    assert "data-w-autosave-interval-value" in edit.content.decode()  # an existing page keeps Wagtail's autosave


def test_a_slug_clash_is_reported_under_the_title_with_the_clashing_page_linked(admin_client, event):
    day = make_day(event, date=datetime.date(2023, 10, 16))
    other = make_talk(day, title="Keynote", slug="keynote")
    data = page_form_data(admin_client.get(add_url("talkpage", day)).content.decode(), title="Keynote", slug="keynote")

    response = admin_client.post(add_url("talkpage", day), data)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    title_error = soup.select_one("[data-contentpath='title'] .error-message")
    assert "Another page here already has the address “keynote”" in title_error.text
    assert title_error.find("a", href=reverse("wagtailadmin_pages:edit", args=[other.pk])).text == "Keynote"
    assert TalkPage.objects.filter(slug="keynote").count() == 1


def test_a_day_left_without_a_title_is_named_from_its_date(admin_client, event):
    html = admin_client.get(add_url("daypage", event)).content.decode()
    assert "left empty, it is made from the date" in html
    data = page_form_data(html, model=DayPage, title="", slug="", date="2023-10-17")

    response = admin_client.post(add_url("daypage", event), data)

    assert response.status_code == 302
    day = DayPage.objects.child_of(event).get()
    assert day.title == "Day 2 · Tuesday 17 October"
    assert day.slug == "day-2-tuesday-17-october"


def test_a_second_untitled_day_on_the_same_date_gets_its_own_slug(admin_client, event):
    make_day(event, title="Day 1 · Monday 16 October", slug="day-1-monday-16-october", date=datetime.date(2023, 10, 16))
    html = admin_client.get(add_url("daypage", event)).content.decode()

    response = admin_client.post(add_url("daypage", event), page_form_data(html, model=DayPage, date="2023-10-16"))

    assert response.status_code == 302
    assert DayPage.objects.child_of(event).order_by("path").last().slug == "day-1-monday-16-october-2"


def test_a_day_without_title_or_date_names_the_date_as_missing(admin_client, event):
    html = admin_client.get(add_url("daypage", event)).content.decode()
    data = page_form_data(html, model=DayPage, title="", date="")
    data["action-publish"] = "action-publish"

    response = admin_client.post(add_url("daypage", event), data)

    soup = BeautifulSoup(response.content, "html.parser")
    assert "This field is required." in soup.select_one("[data-contentpath='date']").text
    assert not DayPage.objects.child_of(event).exists()


@pytest.mark.parametrize(
    ("model_name", "parent", "heading"),
    [
        ("eventpage", "home", "About events"),
        ("daypage", "event", "About days"),
        ("talkpage", "day", "What makes a good talk page"),
    ],
)
def test_event_day_and_talk_forms_open_with_a_help_panel(admin_client, event, model_name, parent, heading):
    day = make_day(event, date=datetime.date(2023, 10, 16))
    parents = {"home": event.get_parent(), "event": event, "day": day}
    soup = BeautifulSoup(admin_client.get(add_url(model_name, parents[parent])).content, "html.parser")
    assert soup.find(string=heading) is not None


def test_the_lightning_talks_panel_is_marked_to_show_for_that_kind_only(admin_client, event):
    day = make_day(event, date=datetime.date(2023, 10, 16))
    soup = BeautifulSoup(admin_client.get(add_url("talkpage", day)).content, "html.parser")
    panel = soup.select_one("[data-shown-for-kind]")
    assert panel["data-shown-for-kind"] == "lightning"
    assert panel.find(string="Lightning talks") is not None
    assert soup.find("script", src=lambda src: src and src.endswith("conference/admin/editor.js"))


def test_a_talk_saved_before_its_slug_was_filled_gets_one_from_its_title(admin_client, event):
    day = make_day(event, date=datetime.date(2023, 10, 16))
    data = page_form_data(admin_client.get(add_url("talkpage", day)).content.decode(), title="Fast typing", slug="")

    assert admin_client.post(add_url("talkpage", day), data).status_code == 302
    assert TalkPage.objects.get(title="Fast typing").slug == "fast-typing"


def test_an_empty_slug_that_would_clash_is_reported_under_the_title(admin_client, event):
    day = make_day(event, date=datetime.date(2023, 10, 16))
    make_talk(day, title="Keynote", slug="keynote")
    data = page_form_data(admin_client.get(add_url("talkpage", day)).content.decode(), title="Keynote", slug="")

    response = admin_client.post(add_url("talkpage", day), data)

    title = BeautifulSoup(response.content, "html.parser").select_one("[data-contentpath='title']")
    assert "Another page here already has the address “keynote”" in title.text
