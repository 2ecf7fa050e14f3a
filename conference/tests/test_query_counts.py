"""Every public page runs a fixed number of queries, whatever its content (house style 3).

Each test renders a page once to warm what a real server keeps warm (site root paths, content
types), then counts the queries of the first request after a content change (the content cache,
stack.content_cache, emptied: the Site, a page's head and a day's listing read afresh) and of the
next one (from it), with few items and again with more: the counts are equal (few == many) and at
most the page type's ceiling, which is the first request's. The ceilings are what the pages
run today; a page may run fewer (a Wagtail upgrade may save one) without failing, but a query that
grows with the content, or more than the ceiling, fails. (5 against 15 talks proves "flat" as well
as 50 would, in a third of the time; the benchmark, bench/pages.py, measures days of 200 talks.)
"""

import datetime
from itertools import count

import pytest
from wagtail.models import PageViewRestriction

from conference.factories import make_day, make_event, make_speaker, make_talk, stream
from stack.page_cache import bump_generation

HOME_PAGE_CEILING = 5
# ... and its talks' titles and addresses, the JSON-LD Event's subEvents (conference/structured_data.py).
EVENT_PAGE_CEILING = 5
DAY_PAGE_CEILING = 7
# site, home (both Wagtail's), the talk with its event, day, day number and view-restriction flag
# (one query, routing.py), its speakers, tags, neighbours and links (slides, recording); a lightning
# session also its lightning talks, and a body with quotes naming speakers, those. The issue's
# ceiling for any talk page is 10.
TALK_PAGE_CEILING = 7
LIGHTNING_SESSION_CEILING = 8
TALK_PAGE_WITH_QUOTED_SPEAKERS_CEILING = 8
SPEAKER_PAGE_CEILING = 7
SPEAKER_INDEX_CEILING = 1
SEARCH_PAGE_CEILING = 7  # 6, and the events listed in its event filter

_tag_numbers = count(1)


def add_talks(day, number, *, speaker=None, word="talk"):
    """`number` talks, each with two speakers (the first one `speaker` if given) and two tags."""
    return [
        make_talk(
            day,
            f"A {word} about queries",
            speakers=[speaker or make_speaker(), make_speaker()],
            tags=[f"tag-{next(_tag_numbers)}", "orm"],
        )
        for _ in range(number)
    ]


def quote(speaker):
    return ("quote", {"text": f"Words of {speaker.name}", "attribution": "", "speaker": speaker.pk, "source_url": ""})


@pytest.fixture
def event(db):
    return make_event()


def _counted(client, url, ceiling, django_assert_max_num_queries, check, grown) -> tuple[int, int]:
    """The queries of a request right after a content change (nothing in the content cache, see
    stack.content_cache: the Site and a page's head are read afresh) and of the next one."""
    counts = []
    bump_generation()
    for _ in ("cold", "warm"):
        with django_assert_max_num_queries(ceiling) as queries:
            response = client.get(url)
        assert response.status_code == 200
        check(response.content.decode(), grown)
        counts.append(len(queries))
    return tuple(counts)


def assert_flat(client, url, ceiling, django_assert_max_num_queries, grow, check):
    """The page at `url` runs as many queries before as after `grow()`, at most `ceiling`, both
    right after a content change and with the content cache warm; `check(html, grown)` holds."""
    client.get(url)
    few = _counted(client, url, ceiling, django_assert_max_num_queries, check, False)
    grow()
    many = _counted(client, url, ceiling, django_assert_max_num_queries, check, True)
    assert few == many, "the page's queries grow with its content"
    return few


def test_the_home_page_runs_the_same_queries_for_1_and_4_events(client, event, django_assert_max_num_queries):
    def grow():
        for _ in range(3):
            make_event()

    def check(html, grown):
        assert html.count('class="event-card"') == (4 if grown else 1)

    assert_flat(client, "/", HOME_PAGE_CEILING, django_assert_max_num_queries, grow, check)


def test_a_day_page_runs_the_same_queries_for_5_and_15_talks(client, event, django_assert_max_num_queries):
    day = make_day(event)
    add_talks(day, 5)
    make_talk(day, kind="lightning", lightning_talks=[{"title": "A flash", "speaker": make_speaker()}])

    def grow():
        add_talks(day, 10)
        make_talk(day, kind="lightning", lightning_talks=[{"title": "Another flash", "speaker": make_speaker()}] * 3)

    def check(html, grown):
        assert html.count('class="talk-card"') == (17 if grown else 6)
        assert "Lightning talks: A flash" in html

    assert_flat(client, day.url, DAY_PAGE_CEILING, django_assert_max_num_queries, grow, check)


def test_an_event_page_runs_the_same_queries_for_2_and_5_days_of_more_talks(client, db, django_assert_max_num_queries):
    event = make_event(start_date=datetime.date(2024, 5, 13), end_date=datetime.date(2024, 5, 17))
    days = [make_day(event) for _ in range(2)]
    add_talks(days[0], 5)

    def grow():
        days.extend(make_day(event) for _ in range(3))
        add_talks(days[0], 10)
        add_talks(days[4], 2)

    def check(html, grown):
        assert html.count('class="day-card"') == (5 if grown else 2)
        assert ("15 talks" if grown else "5 talks") in html
        if grown:
            assert "Day 5" in html and "2 talks" in html

    assert_flat(client, event.url, EVENT_PAGE_CEILING, django_assert_max_num_queries, grow, check)


def test_a_talk_page_runs_the_same_queries_for_a_day_of_5_and_15_talks(client, event, django_assert_max_num_queries):
    day = make_day(event)
    before, talk, after = add_talks(day, 3)
    make_talk(day)

    def check(html, grown):
        assert f"Previous talk</span> {before.title}" in html and f"Next talk</span> {after.title}" in html
        assert "Day 1</a> of" in html and "orm" in html

    assert_flat(client, talk.url, TALK_PAGE_CEILING, django_assert_max_num_queries, lambda: add_talks(day, 10), check)


def test_a_panel_quoting_its_speakers_runs_one_query_for_all_their_quotes(client, event, django_assert_max_num_queries):
    day = make_day(event)
    speakers = [make_speaker() for _ in range(4)]
    panel = make_talk(day, "Panel", kind="panel", speakers=speakers, body=[quote(s) for s in speakers[:2]])

    def grow():
        # More quotes, by more of its speakers, read through the same page.
        panel.body = stream([quote(s) for s in speakers] * 3)
        panel.save_revision().publish()

    def check(html, grown):
        assert html.count('class="block-quote"') == (12 if grown else 2)

    assert_flat(client, panel.url, TALK_PAGE_WITH_QUOTED_SPEAKERS_CEILING, django_assert_max_num_queries, grow, check)


def test_a_lightning_session_runs_the_same_queries_for_2_and_8_lightning_talks(
    client, event, django_assert_max_num_queries
):
    day = make_day(event)
    session = make_talk(
        day,
        "Lightning talks",
        kind="lightning",
        lightning_talks=[{"title": f"Flash {n}", "speaker": make_speaker()} for n in range(2)],
    )

    def grow():
        from conference.models import LightningTalk

        LightningTalk.objects.bulk_create(
            LightningTalk(page=session, title=f"More {n}", speaker=make_speaker(), sort_order=10 + n) for n in range(6)
        )

    def check(html, grown):
        assert html.count('class="lightning-talk"') == (8 if grown else 2)
        assert html.count('class="lightning-speaker"') == (8 if grown else 2)

    assert_flat(client, session.url, LIGHTNING_SESSION_CEILING, django_assert_max_num_queries, grow, check)


def test_a_speaker_page_runs_the_same_queries_for_5_and_15_talks(client, event, django_assert_max_num_queries):
    day = make_day(event)
    ada = make_speaker("Ada Lovelace")
    add_talks(day, 5, speaker=ada)
    make_talk(day, kind="lightning", lightning_talks=[{"title": "Notes on the engine", "speaker": ada}])

    def grow():
        add_talks(day, 10, speaker=ada)
        for _ in range(2):
            make_talk(day, kind="lightning", lightning_talks=[{"title": "More notes", "speaker": ada}] * 2)

    def check(html, grown):
        assert html.count('class="talk-card"') == (15 + 1 + 4 if grown else 5 + 1)

    url = ada.get_absolute_url()
    assert_flat(client, url, SPEAKER_PAGE_CEILING, django_assert_max_num_queries, grow, check)


def test_the_speakers_index_runs_one_query_for_any_number_of_speakers(client, event, django_assert_max_num_queries):
    day = make_day(event)
    add_talks(day, 2)

    def check(html, grown):
        assert html.count("(1 talk)") == (24 if grown else 4)

    assert_flat(
        client, "/speakers/", SPEAKER_INDEX_CEILING, django_assert_max_num_queries, lambda: add_talks(day, 10), check
    )


def test_a_search_results_page_runs_the_same_queries_for_5_and_15_results(client, event, django_assert_max_num_queries):
    day = make_day(event)
    add_talks(day, 5, word="hyperdrive")

    def check(html, grown):
        assert ("15 talks found." if grown else "5 talks found.") in html

    grow = lambda: add_talks(day, 10, word="hyperdrive")  # noqa: E731
    assert_flat(client, "/search/?q=hyperdrive", SEARCH_PAGE_CEILING, django_assert_max_num_queries, grow, check)


def test_the_speakers_index_and_a_speakers_page_agree_on_talks_in_a_private_event(client, db):
    public_day = make_day(make_event())
    private_event = make_event()
    private_day = make_day(private_event)
    ada = make_speaker("Ada Lovelace")
    make_talk(public_day, "In the open", speakers=[ada])
    make_talk(private_day, "Behind a password", speakers=[ada])
    make_talk(private_day, kind="lightning", lightning_talks=[{"title": "A private flash", "speaker": ada}])
    PageViewRestriction.objects.create(page=private_event, restriction_type="password", password="secret")
    only_private = make_speaker("Grace Hopper")
    make_talk(private_day, "Also hidden", speakers=[only_private])

    index = client.get("/speakers/").content.decode()
    page = client.get(ada.get_absolute_url()).content.decode()

    assert "Ada Lovelace</a> (1 talk)" in index
    assert "Grace Hopper" not in index
    assert page.count('class="talk-card"') == 1 and "In the open" in page
    assert "Behind a password" not in page and "A private flash" not in page


def test_a_talk_card_cached_by_its_content_shows_a_change_at_once(client, event):
    # Cards are cached by what they show (conference/templatetags/talk_cards.py), so a change to a
    # speaker, not to the talk itself, is a new card.
    day = make_day(event)
    ada = make_speaker("Ada Lovelace")
    make_talk(day, "Engines", speakers=[ada])
    assert "Ada Lovelace</a>" in client.get(day.url).content.decode()

    ada.name = "Augusta Ada King"
    ada.save()

    html = client.get(day.url).content.decode()
    assert "Augusta Ada King</a>" in html and "Ada Lovelace" not in html
