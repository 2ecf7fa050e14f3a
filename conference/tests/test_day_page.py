"""A day must be dated within its event; its label follows its place among the event's days."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from conference.factories import make_day, make_event, make_talk
from conference.models import DayPage
from conference.models.events import numbered_day

from .helpers import soup, text

OUTSIDE_MESSAGE = "The date must fall within DjangoCon Test’s dates, 16 October 2023 to 20 October 2023."


@pytest.fixture
def event(db):
    return make_event("DjangoCon Test", start_date=datetime.date(2023, 10, 16), end_date=datetime.date(2023, 10, 20))


def add_day_url(event):
    return reverse("wagtailadmin_pages:add", args=("conference", "daypage", event.pk))


def day_form(date, title="Workshops"):
    return nested_form_data(
        {
            "title": title,
            "slug": "workshops",
            "date": date,
            "intro": rich_text("<p>Hands-on sessions.</p>"),
            "action-publish": "action-publish",
        }
    )


class TestModelValidation:
    def test_an_existing_day_moved_after_the_event_is_invalid_and_names_the_event_dates(self, event):
        day = make_day(event, datetime.date(2023, 10, 17))
        day.date = datetime.date(2023, 10, 21)

        with pytest.raises(ValidationError) as caught:
            day.full_clean()

        assert caught.value.message_dict == {"date": [OUTSIDE_MESSAGE]}

    def test_an_existing_day_moved_before_the_event_is_invalid(self, event):
        day = make_day(event, datetime.date(2023, 10, 17))
        day.date = datetime.date(2023, 10, 15)

        with pytest.raises(ValidationError) as caught:
            day.full_clean()

        assert caught.value.message_dict["date"] == [OUTSIDE_MESSAGE]

    @pytest.mark.parametrize("date", [datetime.date(2023, 10, 16), datetime.date(2023, 10, 20)])
    def test_the_first_and_last_day_of_the_event_are_valid(self, event, date):
        day = make_day(event, datetime.date(2023, 10, 17))
        day.date = date

        day.full_clean()  # raises nothing

    def test_publishing_a_day_outside_the_event_is_refused(self, event):
        day = make_day(event, datetime.date(2023, 10, 17))
        day.date = datetime.date(2023, 11, 1)

        with pytest.raises(ValidationError):
            day.save_revision().publish()

        assert DayPage.objects.get(pk=day.pk).date == datetime.date(2023, 10, 17)


class TestAdminViews:
    def test_a_day_after_the_event_reshows_the_form_with_the_error_and_creates_nothing(self, event, admin_client):
        response = admin_client.post(add_day_url(event), day_form("2023-10-25"))

        assert response.status_code == 200
        assert response.context["form"].errors == {"date": [OUTSIDE_MESSAGE]}
        assert OUTSIDE_MESSAGE in text(soup(response))
        assert not DayPage.objects.exists()

    def test_a_day_before_the_event_is_refused_too(self, event, admin_client):
        response = admin_client.post(add_day_url(event), day_form("2023-10-01"))

        assert response.status_code == 200
        assert OUTSIDE_MESSAGE in text(soup(response))
        assert not DayPage.objects.exists()

    def test_a_day_inside_the_event_is_created_and_published(self, event, admin_client):
        response = admin_client.post(add_day_url(event), day_form("2023-10-18"))

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_explore", args=(event.pk,))
        day = DayPage.objects.child_of(event).get()
        assert (day.title, day.date, day.live) == ("Workshops", datetime.date(2023, 10, 18), True)

    def test_editing_a_day_to_a_date_outside_the_event_reshows_the_form_with_the_error(self, event, admin_client):
        day = make_day(event, datetime.date(2023, 10, 17), title="Workshops", slug="workshops")

        response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(day.pk,)), day_form("2023-10-25"))

        assert response.status_code == 200
        assert response.context["form"].errors == {"date": [OUTSIDE_MESSAGE]}
        assert DayPage.objects.get(pk=day.pk).date == datetime.date(2023, 10, 17)

    def test_the_add_form_renders(self, event, admin_client):
        response = admin_client.get(add_day_url(event))

        assert response.status_code == 200
        assert soup(response).find("input", attrs={"name": "date"}) is not None


class TestLabel:
    def test_days_are_numbered_by_their_position_under_the_event(self, event):
        days = [make_day(event, title=title) for title in ("Tutorials", "Talks", "Sprints")]

        listed = DayPage.objects.child_of(event).live().public().numbered()

        assert [(day.title, day.label) for day in listed] == [
            ("Tutorials", "Day 1"),
            ("Talks", "Day 2"),
            ("Sprints", "Day 3"),
        ]
        assert [numbered_day(DayPage.objects.get(pk=day.pk)).label for day in days] == ["Day 1", "Day 2", "Day 3"]

    def test_the_numbering_is_per_event(self, event):
        make_day(event)
        other = make_event("Other Conference")

        assert numbered_day(make_day(other)).label == "Day 1"

    def test_a_day_moved_to_the_front_becomes_day_1(self, event):
        first, second = make_day(event), make_day(event)

        second.move(first, pos="left")

        assert numbered_day(DayPage.objects.get(pk=second.pk)).label == "Day 1"
        assert numbered_day(DayPage.objects.get(pk=first.pk)).label == "Day 2"

    def test_a_draft_day_is_numbered_where_it_stands_among_the_published_days(self, event):
        make_day(event, title="Tutorials")
        draft = make_day(event, title="Sprints", live=False)
        later = make_day(event, title="Talks")

        # Readers see two days; the draft, previewed, says where it would stand.
        assert [day.label for day in DayPage.objects.child_of(event).live().public().numbered()] == ["Day 1", "Day 2"]
        assert numbered_day(DayPage.objects.get(pk=draft.pk)).label == "Day 2"
        assert numbered_day(DayPage.objects.get(pk=later.pk)).label == "Day 2"

    def test_a_draft_days_preview_shows_its_label(self, event, admin_client):
        make_day(event, title="Tutorials")
        draft = make_day(event, title="Sprints", live=False)

        response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(draft.pk,)))

        assert response.status_code == 200
        assert text(soup(response).h1) == "Day 2: Sprints"

    def test_the_day_page_heading_shows_the_label_and_title(self, event, client):
        make_day(event, title="Tutorials")
        talks_day = make_day(event, title="Main talks")

        response = client.get(talks_day.url)

        assert text(soup(response).h1) == "Day 2: Main talks"

    def test_readers_see_the_same_label_everywhere_when_an_earlier_day_is_a_draft(self, event, client):
        make_day(event, title="Tutorials", live=False)
        talks_day = make_day(event, title="Main talks")
        talk = make_talk(talks_day, "Opening")

        event_card = text(soup(client.get(event.url)).select_one(".day-card h3"))
        day_heading = text(soup(client.get(talks_day.url)).h1)
        talk_line = text(soup(client.get(talk.url)).select_one(".talk-kind"))

        assert event_card == "Day 1: Main talks"
        assert day_heading == "Day 1: Main talks"
        assert talk_line == "Talk · Day 1 of DjangoCon Test"
