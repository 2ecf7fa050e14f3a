"""What readers see on event, day and talk pages built by editors."""

import datetime

import pytest

from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.models import TalkPage

from .helpers import inline_text, soup, text


@pytest.fixture
def event(db):
    return make_event(
        "PyCon Testland 2024",
        start_date=datetime.date(2024, 5, 14),
        end_date=datetime.date(2024, 5, 16),
        location="Testville",
    )


@pytest.fixture
def day(event):
    """Talks added out of schedule order, with an untimed one and a draft."""
    day = make_day(event, title="Tutorials")
    make_talk(day, "Afternoon", start_time=datetime.time(14, 0))
    make_talk(day, "Whenever", room="Hall B")
    make_talk(day, "Morning", start_time=datetime.time(9, 0), end_time=datetime.time(10, 30))
    make_talk(day, "Secret draft", start_time=datetime.time(11, 0), live=False)
    make_talk(day, "Noon", start_time=datetime.time(12, 0))
    return day


def card_titles(response):
    return [text(a) for a in soup(response).select(".talk-card__title a")]


def pager(client, day, title):
    talk = TalkPage.objects.child_of(day).get(title=title)
    links = soup(client.get(talk.url)).select("nav.talk-pager a")
    return {a["rel"][0]: text(a).split(" ", 2)[-1] for a in links}


class TestDayPage:
    def test_lists_live_talks_in_schedule_order_with_untimed_talks_last(self, client, day):
        # Timed talks are in the timetable (and its phone list); untimed ones follow as cards.
        document = soup(client.get(day.url))
        timed = [text(a) for a in document.select(".timetable-list .slot__title a")]
        assert timed + card_titles(client.get(day.url)) == ["Morning", "Noon", "Afternoon", "Whenever"]

    def test_a_card_gives_the_kind_time_and_room(self, client, day):
        document = soup(client.get(day.url))
        morning = document.select(".timetable-list li")[0]
        cards = document.select(".talk-card")

        assert inline_text(morning.select_one(".slot__time")) == "09:00–10:30"
        assert text(morning.select_one(".slot__meta")) == "Talk"
        assert "Room Hall B" in text(cards[-1])

    def test_a_lightning_session_card_names_its_lightning_talks(self, client, day):
        make_talk(day, "Lightning", kind="lightning", lightning_talks=[{"title": "Stickers"}, {"title": "Eclipses"}])

        card = soup(client.get(day.url)).select(".talk-card")[-1]

        assert text(card.select_one(".talk-card__lightning")) == "Lightning talks: Stickers; Eclipses"

    def test_the_day_has_its_date(self, client, day):
        time = soup(client.get(day.url)).select_one("header time")

        assert (time["datetime"], text(time)) == ("2024-05-14", "Tuesday 14 May 2024")


class TestTalkNavigation:
    def test_previous_and_next_follow_the_schedule_and_skip_drafts(self, client, day):
        assert pager(client, day, "Morning") == {"next": "Noon"}
        assert pager(client, day, "Noon") == {"prev": "Morning", "next": "Afternoon"}
        assert pager(client, day, "Afternoon") == {"prev": "Noon", "next": "Whenever"}
        assert pager(client, day, "Whenever") == {"prev": "Afternoon"}

    def test_a_lone_talk_has_no_pager(self, client, event):
        talk = make_talk(make_day(event), "Alone")

        assert soup(client.get(talk.url)).select("nav.talk-pager") == []


class TestTalkPage:
    def test_shows_speakers_time_room_tags_and_summary(self, client, day):
        ada, bob = make_speaker("Ada"), make_speaker("Bob")
        talk = make_talk(
            day,
            "Keynote",
            kind="keynote",
            speakers=[bob, ada],
            tags=["orm", "testing"],
            start_time=datetime.time(17, 0),
            end_time=datetime.time(18, 0),
            room="Main hall",
            summary="The closing keynote.",
        )

        document = soup(client.get(talk.url))

        facts = {text(dt): dt.find_next_sibling("dd") for dt in document.select("dl.talk-meta dt")}
        assert [(text(a), a["href"]) for a in facts["Speakers"].select("a")] == [
            ("Bob", bob.get_absolute_url()),
            ("Ada", ada.get_absolute_url()),
        ]
        assert inline_text(facts["Date"]) == "Tuesday 14 May 2024, 17:00–18:00"
        assert text(facts["Room"]) == "Main hall"
        assert [(text(a), a["href"]) for a in facts["Tags"].select("a")] == [
            ("orm", "/tags/orm/"),
            ("testing", "/tags/testing/"),
        ]
        assert text(document.select_one(".talk-summary")) == "The closing keynote."
        assert text(document.select_one(".talk-kind")) == "Keynote · Day 1 of PyCon Testland 2024"

    def test_a_lightning_session_lists_its_talks_with_speakers_and_notes(self, client, day):
        ada = make_speaker("Ada")
        session = make_talk(
            day,
            "Lightning Talks",
            kind="lightning",
            lightning_talks=[
                {"title": "Stickers", "speaker": ada, "notes": [("paragraph", "<p>Unicorns everywhere.</p>")]},
                {"title": "Eclipses"},
            ],
        )

        section = soup(client.get(session.url)).select_one("section.lightning-talks")

        items = section.select("li.lightning-talk")
        assert [(li["id"], text(li.h3)) for li in items] == [("lt-stickers", "Stickers"), ("lt-eclipses", "Eclipses")]
        assert text(items[0].select_one(".lightning-speaker")) == "By Ada"
        assert "Unicorns everywhere." in text(items[0])
        assert items[1].select_one(".lightning-speaker") is None

    def test_a_draft_talk_is_not_served(self, client, day):
        draft = make_talk(day, "Unpublished", live=False)

        assert client.get(f"{day.url}{draft.slug}/").status_code == 404


class TestEventPage:
    def test_lists_days_with_their_live_talk_counts(self, client, event, day):
        make_talk(make_day(event, title="Talks"), "Only one")
        make_day(event, title="Sprints")

        cards = soup(client.get(event.url)).select(".day-card")

        assert [text(card) for card in cards] == [
            "Day 1: Tutorials Tuesday 14 May 2024 · 4 talks",
            "Day 2: Talks Wednesday 15 May 2024 · 1 talk",
            "Day 3: Sprints Thursday 16 May 2024 · 0 talks",
        ]

    def test_shows_the_dates_place_and_website(self, client, event):
        event.website = "https://example.com/"
        event.save_revision().publish()

        header = soup(client.get(event.url)).select_one("header.event-header")

        assert text(header.select_one(".event-facts")) == "14 May 2024 to 16 May 2024 · Testville"
        assert header.find("a", href="https://example.com/") is not None
