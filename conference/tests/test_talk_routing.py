"""A talk page is found, with its event and day, in one query (routing.py `route_in_one_query`).

What a reader sees must be what Wagtail's own routing level by level gives: the day's number
among the published public days, view restrictions on the talk or any ancestor, drafts and
missing pages, and the neighbours in schedule order. Run on SQLite and PostgreSQL (the query is
written by hand from the models' metadata).
"""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from conference.factories import make_day, make_event, make_talk

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_talk_page_names_its_event_and_its_day_by_number_among_published_public_days(client):
    event = make_event("PyCon Test", end_date=datetime.date(2024, 5, 20))
    make_day(event, live=False)
    first = make_day(event)
    private = make_day(event)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    second = make_day(event)
    talk = make_talk(second, "Routing in one query")

    html = html_of(client, talk.url)

    assert f'<a href="{second.url}">Day 2</a> of <a href="{event.url}">PyCon Test</a>' in html
    assert "<h1>Routing in one query</h1>" in html
    # The draft day and the private one are not counted, as on the event page.
    assert f'<a href="{first.url}">Day 1</a>' in html_of(client, make_talk(first).url)


def test_a_talk_on_a_draft_day_is_served_and_its_day_counted_as_a_preview_would(client):
    event = make_event()
    make_day(event)
    draft = make_day(event, live=False)
    talk = make_talk(draft, "Published under a draft")

    html = html_of(client, f"{event.url}{draft.slug}/{talk.slug}/")

    assert "<h1>Published under a draft</h1>" in html
    assert "Day 2</a>" in html


@pytest.mark.parametrize("restricted", ["event", "day", "talk"])
def test_a_talk_under_a_view_restriction_asks_for_its_password(client, restricted):
    event = make_event()
    day = make_day(event)
    talk = make_talk(day, "Behind a password")
    page = {"event": event, "day": day, "talk": talk}[restricted]
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")

    html = html_of(client, talk.url)

    assert "<h1>Behind a password</h1>" not in html
    assert 'type="password"' in html


def test_a_draft_talk_and_a_missing_one_are_not_found(client):
    event = make_event()
    day = make_day(event)
    draft = make_talk(day, "Not yet", live=False)

    assert client.get(f"{event.url}{day.slug}/{draft.slug}/").status_code == 404
    assert client.get(f"{event.url}{day.slug}/no-such-talk/").status_code == 404
    assert client.get(f"{event.url}no-such-day/{draft.slug}/").status_code == 404


def test_a_talk_with_the_same_slug_in_another_event_is_not_taken_for_it(client):
    one, other = make_event(), make_event()
    day_one, day_other = make_day(one, slug="day-1"), make_day(other, slug="day-1")
    make_talk(day_one, "In the first event", slug="keynote")
    make_talk(day_other, "In the second event", slug="keynote")

    assert "<h1>In the second event</h1>" in html_of(client, f"{other.url}day-1/keynote/")
    assert "<h1>In the first event</h1>" in html_of(client, f"{one.url}day-1/keynote/")


def test_the_previous_and_next_talks_follow_the_schedule_skipping_drafts_and_private_talks(client):
    day = make_day(make_event())
    untimed = make_talk(day, "Untimed")
    late = make_talk(day, "Late", start_time=datetime.time(15, 0))
    make_talk(day, "A draft", start_time=datetime.time(12, 0), live=False)
    hidden = make_talk(day, "Hidden", start_time=datetime.time(13, 0))
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="secret")
    early = make_talk(day, "Early", start_time=datetime.time(9, 0))

    html = html_of(client, late.url)

    assert f'<a href="{early.url}" rel="prev"><span class="talk-pager__label">Previous talk</span> Early</a>' in html
    assert f'<a href="{untimed.url}" rel="next"><span class="talk-pager__label">Next talk</span> Untimed</a>' in html
    assert 'rel="prev"' not in html_of(client, early.url)
