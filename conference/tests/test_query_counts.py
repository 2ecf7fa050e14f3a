"""A listing's query count does not grow with its content (house style 3).

Each test renders a page once to warm the caches a real server keeps warm
(site root paths, content types), then counts the queries of the next
request with few items and again with many. The exact numbers were
measured once; a change to them is a change worth reviewing.
"""

import datetime
from itertools import count

import pytest

from conference.factories import make_day, make_event, make_speaker, make_talk

DAY_PAGE_QUERIES = 16
EVENT_PAGE_QUERIES = 11
SPEAKER_PAGE_QUERIES = 11
SEARCH_PAGE_QUERIES = 7  # issue 11: ties ordered by address, from one list (no separate count)

_tag_numbers = count(1)


def add_talks(day, number, *, speaker=None, word="talk"):
    """`number` talks, each with two speakers (the first one `speaker` if given) and two tags."""
    for _ in range(number):
        make_talk(
            day,
            f"A {word} about queries",
            speakers=[speaker or make_speaker(), make_speaker()],
            tags=[f"tag-{next(_tag_numbers)}", "orm"],
        )


@pytest.fixture
def event(db):
    return make_event()


def test_a_day_page_runs_the_same_queries_for_5_and_50_talks(client, event, django_assert_num_queries):
    day = make_day(event)
    add_talks(day, 5)
    client.get(day.url)

    with django_assert_num_queries(DAY_PAGE_QUERIES) as few:
        assert client.get(day.url).content.count(b'class="talk-card"') == 5

    add_talks(day, 45)
    with django_assert_num_queries(DAY_PAGE_QUERIES) as many:
        assert client.get(day.url).content.count(b'class="talk-card"') == 50

    assert len(few) == len(many)


def test_an_event_page_runs_the_same_queries_for_5_and_50_talks(client, event, django_assert_num_queries):
    days = [make_day(event) for _ in range(3)]
    add_talks(days[0], 5)
    client.get(event.url)

    with django_assert_num_queries(EVENT_PAGE_QUERIES) as few:
        assert b"5 talks" in client.get(event.url).content

    for day in days:
        add_talks(day, 15)
    with django_assert_num_queries(EVENT_PAGE_QUERIES) as many:
        content = client.get(event.url).content
    assert (content.count(b"20 talks"), content.count(b"15 talks")) == (1, 2)

    assert len(few) == len(many)


def test_an_event_page_runs_the_same_queries_for_2_and_5_days(client, db, django_assert_num_queries):
    event = make_event(start_date=datetime.date(2024, 5, 13), end_date=datetime.date(2024, 5, 17))
    for _ in range(2):
        add_talks(make_day(event), 2)
    client.get(event.url)

    with django_assert_num_queries(EVENT_PAGE_QUERIES) as few:
        client.get(event.url)

    for _ in range(3):
        add_talks(make_day(event), 2)
    with django_assert_num_queries(EVENT_PAGE_QUERIES) as many:
        assert client.get(event.url).content.count(b'class="day-card"') == 5

    assert len(few) == len(many)


def test_a_speaker_page_runs_the_same_queries_for_5_and_50_talks(client, event, django_assert_num_queries):
    day = make_day(event)
    ada = make_speaker("Ada Lovelace")
    add_talks(day, 5, speaker=ada)
    make_talk(day, kind="lightning", lightning_talks=[{"title": "Notes on the engine", "speaker": ada}])
    url = ada.get_absolute_url()
    client.get(url)

    with django_assert_num_queries(SPEAKER_PAGE_QUERIES) as few:
        assert client.get(url).content.count(b'class="talk-card"') == 5 + 1

    add_talks(day, 45, speaker=ada)
    for _ in range(4):
        make_talk(day, kind="lightning", lightning_talks=[{"title": "More notes", "speaker": ada}] * 2)
    with django_assert_num_queries(SPEAKER_PAGE_QUERIES) as many:
        assert client.get(url).content.count(b'class="talk-card"') == 50 + 1 + 8

    assert len(few) == len(many)


def test_a_search_results_page_runs_the_same_queries_for_5_and_20_results(client, event, django_assert_num_queries):
    day = make_day(event)
    add_talks(day, 5, word="hyperdrive")
    url = "/search/?q=hyperdrive"
    client.get(url)

    with django_assert_num_queries(SEARCH_PAGE_QUERIES) as few:
        assert b"5 talks found." in client.get(url).content

    add_talks(day, 15, word="hyperdrive")
    with django_assert_num_queries(SEARCH_PAGE_QUERIES) as many:
        assert b"20 talks found." in client.get(url).content

    assert len(few) == len(many)
