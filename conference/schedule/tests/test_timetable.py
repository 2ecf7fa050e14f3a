"""The day page's timetable, the event's "All talks" and the tag pages, as readers see them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.models import Track
from conference.schedule.timetable import build_timetable
from conference.testing import per_module

pytestmark = pytest.mark.django_db

T = datetime.time


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def event():
    return make_event("PyCon Test", start_date=datetime.date(2024, 5, 14), time_zone="Europe/Berlin")


def test_the_day_page_shows_a_timetable_with_rooms_as_columns_and_talks_spanning_their_slots(client, event):
    day = make_day(event)
    make_talk(day, "Opening", start_time=T(9, 0), end_time=T(10, 0), room="Hall A")
    make_talk(day, "Forms", start_time=T(9, 0), end_time=T(9, 30), room="Hall B")
    make_talk(day, "Signals", start_time=T(9, 30), end_time=T(10, 0), room="Hall B")
    make_talk(day, "Notes without a time")

    page = soup(client.get(day.url))

    table = page.find("table", class_="timetable")
    assert "by time and room" in table.caption.text
    assert [th.text for th in table.thead.find_all("th", scope="col")] == ["Time", "Hall A", "Hall B"]
    rows = table.tbody.find_all("tr")
    assert [row.th.text for row in rows] == ["09:00", "09:30"]
    opening = table.find("a", string="Opening").find_parent("td")
    assert opening["rowspan"] == "2"
    assert [a.text for a in page.select(".timetable-list a")] == ["Opening", "Forms", "Signals"]
    assert page.find("h2", string="Talks without a time")
    assert page.find("a", string="Notes without a time")
    assert "Europe/Berlin" in page.find(class_="timetable-zone").text


def test_overlapping_talks_in_one_room_get_a_column_each_and_after_midnight_comes_last():
    class Talk:
        def __init__(self, pk, start, end, room="A"):
            self.pk, self.path, self.start_time, self.end_time, self.room = pk, f"{pk:04}", start, end, room

        @property
        def duration(self):
            from conference.models.schedule import talk_duration

            return talk_duration(self.start_time, self.end_time)

    talks = [
        Talk(1, T(10, 0), T(11, 0)),
        Talk(2, T(10, 30), T(11, 30)),
        Talk(3, T(0, 30), T(1, 0)),
        Talk(4, None, None),
    ]

    table = build_timetable(talks)

    assert [c.heading for c in table.columns] == ["A", "A (overlapping)"]
    assert [t.pk for t in table.ordered] == [1, 2, 3]
    assert [r.start for r in table.rows] == [T(10, 0), T(10, 30), T(11, 0), T(11, 30), T(0, 30)]
    assert [t.pk for t in table.untimed] == [4]


def test_a_day_of_six_rooms_and_forty_talks_runs_as_many_queries_as_one_of_two_talks(client, event):
    small, big = make_day(event), make_day(event)
    speaker = make_speaker("Ada")
    for i in range(2):
        make_talk(small, start_time=T(9 + i, 0), end_time=T(9 + i, 45), room="R1", speakers=[speaker], tags=["x"])
    track = Track.objects.create(event=event, name="Web", slug="web")
    for i in range(40):
        hour, room = 9 + i // 6, f"R{i % 6 + 1}"
        make_talk(
            big,
            start_time=T(hour, 0),
            end_time=T(hour, 50),
            room=room,
            speakers=[speaker],
            tags=["x"],
            track=track,
        )

    counts = []
    for day in (small, big):
        client.get(day.url)  # warm caches (site root, content types)
        with CaptureQueriesContext(connection) as queries:
            page = soup(client.get(day.url))
        counts.append(len(queries))
    assert len(page.select("table.timetable td.timetable__talk")) == 40
    assert counts[0] == counts[1], counts


def build_all_talks():
    """An event of two days, three talks, two speakers and a track, for TestAllTalks (its tests
    run after the module's others, which use `event`, so none of them sees these talks)."""
    event = make_event("PyCon Test", start_date=datetime.date(2024, 5, 14), time_zone="Europe/Berlin")
    day1, day2 = make_day(event, slug="mon"), make_day(event, slug="tue")
    ada, bob = make_speaker("Ada Lovelace", slug="ada"), make_speaker("Bob", slug="bob")
    web = Track.objects.create(event=event, name="Web", slug="web")
    make_talk(day1, "Forms", start_time=T(10, 0), room="Hall A", speakers=[ada], tags=["django"], track=web)
    make_talk(day1, "Keynote", kind="keynote", start_time=T(9, 0), room="Hall B", speakers=[bob])
    make_talk(day2, "Signals", start_time=T(11, 0), room="Hall A", speakers=[bob], tags=["django", "async"])
    return event


_module_all_talks, all_talks = per_module(build_all_talks)


class TestAllTalks:
    @pytest.fixture
    def tree(self, all_talks):
        return all_talks

    def url(self, event, query=""):
        return f"{event.url}talks/{query}"

    def titles(self, page):
        return [th.a.text for th in page.select("table.all-talks tbody th")]

    def test_every_talk_with_its_day_time_room_kind_speakers_and_tags(self, client, tree):
        page = soup(client.get(self.url(tree)))

        assert self.titles(page) == ["Keynote", "Forms", "Signals"]
        forms = page.find("a", string="Forms").find_parent("tr")
        assert [td.get_text(" ", strip=True) for td in forms.find_all("td")] == [
            "Day 1",
            "10:00",
            "Hall A",
            "Talk",
            "Ada Lovelace",
            "django",
        ]
        assert "Track: Web" in forms.th.text

    @pytest.mark.parametrize(
        "query, titles",
        [
            ("?day=tue", ["Signals"]),
            ("?room=Hall+A", ["Forms", "Signals"]),
            ("?track=web", ["Forms"]),
            ("?kind=keynote", ["Keynote"]),
            ("?tag=async", ["Signals"]),
            ("?speaker=bob", ["Keynote", "Signals"]),
            ("?speaker=bob&room=Hall+A", ["Signals"]),
            ("?speaker=nobody", []),
        ],
    )
    def test_filters_are_plain_get_parameters(self, client, tree, query, titles):
        page = soup(client.get(self.url(tree, query)))

        assert self.titles(page) == titles
        assert page.find("form", class_="talk-filters")["method"] == "get"

    def test_the_filter_form_offers_the_events_own_values(self, client, tree):
        page = soup(client.get(self.url(tree)))

        options = {s["name"]: [o.text for o in s.find_all("option")][1:] for s in page.select("form select")}
        assert options["day"] == ["Day 1", "Day 2"]
        assert options["room"] == ["Hall A", "Hall B"]
        assert options["track"] == ["Web"]
        assert options["tag"] == ["async", "django"]
        assert options["speaker"] == ["Ada Lovelace", "Bob"]
        assert page.find("label", attrs={"for": "filter-room"}).text == "Room"

    def test_the_event_page_links_to_all_talks(self, client, tree):
        page = soup(client.get(tree.url))

        assert page.find("a", string="All talks")["href"] == self.url(tree)


def test_all_talks_runs_as_many_queries_for_15_talks_as_for_5(client):
    counts = []
    for n in (5, 15):
        event = make_event(start_date=datetime.date(2024, 5, 14))
        day = make_day(event)
        speaker = make_speaker()
        track = Track.objects.create(event=event, name="Web", slug="web")
        for i in range(n):
            make_talk(day, start_time=T(9, i % 60), room=f"R{i % 6}", speakers=[speaker], tags=["t"], track=track)
        client.get(f"{event.url}talks/")
        with CaptureQueriesContext(connection) as queries:
            page = soup(client.get(f"{event.url}talks/"))
        assert len(page.select("table.all-talks tbody tr")) == n
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_tag_link_on_a_talk_leads_to_the_talks_with_that_tag(client, event):
    day = make_day(event)
    talk = make_talk(day, "Forms", tags=["django"])
    make_talk(day, "Signals", tags=["django"])
    make_talk(day, "Untagged")

    link = soup(client.get(talk.url)).select_one(".tags a")
    page = soup(client.get(link["href"]))

    assert page.h1.text == "Talks tagged “django”"
    assert sorted(a.text for a in page.select(".talk-card__title a")) == ["Forms", "Signals"]


def test_a_timetable_slot_shows_a_talks_new_title_room_and_speakers_once_published(client, event):
    """Slots are cached by what they show: a change to any of it is a new slot, never a stale one."""
    day = make_day(event)
    ada = make_speaker("Ada Lovelace")
    talk = make_talk(day, "Old title", start_time=T(9, 0), end_time=T(10, 0), room="Hall A", speakers=[ada])
    before = soup(client.get(day.url))
    assert "Old title" in before.find("table", class_="timetable").text

    talk.title, talk.room = "New title", "Hall B"
    talk.save_revision().publish()
    ada.name = "Ada King"
    ada.save()
    after = soup(client.get(day.url))

    grid, listed = after.find("table", class_="timetable"), after.find("ol", class_="timetable-list")
    for part in (grid, listed):
        assert "New title" in part.text and "Old title" not in part.text
        assert "Ada King" in part.text and "Ada Lovelace" not in part.text
    assert [th.text for th in grid.thead.find_all("th", scope="col")] == ["Time", "Hall B"]
    assert "09:00–10:00 · Hall B" in listed.find("p", class_="slot__time").text
