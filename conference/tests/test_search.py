"""/search/ finds live talks by title, summary, speaker and notes, and never shows drafts."""

import datetime

import pytest

from conference.factories import bullet_list, make_day, make_event, make_speaker, make_talk

from .helpers import soup, text


@pytest.fixture
def talks(db):
    event = make_event("PyCon Testland 2024", start_date=datetime.date(2024, 5, 14))
    day_1, day_2 = make_day(event, title="Day 1"), make_day(event, title="Day 2")
    grace = make_speaker("Grace Hopperton")
    return {
        "postgres": make_talk(
            day_1,
            "Speeding up Postgres",
            summary="Indexes, query plans and a teapot.",
            speakers=[grace],
            body=[("list", bullet_list("Vacuum often", "Watch the zeppelin of bloat"))],
        ),
        "lightning": make_talk(
            day_2,
            "Lightning Talks",
            kind="lightning",
            lightning_talks=[{"title": "Stickers", "notes": [("paragraph", "<p>A quokka on every laptop.</p>")]}],
        ),
        "draft": make_talk(
            day_2,
            "Postgres drafts nobody should see",
            summary="A teapot and a quokka and a zeppelin.",
            speakers=[grace],
            live=False,
        ),
    }


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return soup(response)


def found_titles(document):
    # get_text(): a title's highlighted words are <mark> elements inside its words' text.
    return [" ".join(a.get_text().split()) for a in document.select(".talk-list .talk-card__title a")]


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("Postgres", "a word of the title"),
        ("teapot", "a word of the summary"),
        ("Hopperton", "the speaker's name"),
        ("zeppelin", "a word only in a list item of the body"),
    ],
)
def test_a_live_talk_is_found(client, talks, query, why):
    assert found_titles(search(client, query)) == ["Speeding up Postgres"], why


def test_a_lightning_session_is_found_by_a_word_in_its_lightning_talks_notes(client, talks):
    assert found_titles(search(client, "quokka")) == ["Lightning Talks"]


def test_a_lightning_session_is_found_by_a_lightning_talks_title(client, talks):
    assert found_titles(search(client, "Stickers")) == ["Lightning Talks"]


def test_a_draft_never_appears(client, talks):
    for query in ("drafts", "nobody", "Postgres", "teapot", "quokka", "zeppelin", "Hopperton"):
        assert "Postgres drafts nobody should see" not in found_titles(search(client, query)), query


def test_an_unpublished_talk_disappears_from_results(client, talks):
    talks["postgres"].unpublish()

    document = search(client, "teapot")

    assert found_titles(document) == []
    assert text(document.find(attrs={"role": "status"})) == "No talks match “teapot”. Try fewer or different words."


def test_words_of_an_unpublished_revision_of_a_live_talk_are_not_found(client, talks):
    postgres = talks["postgres"]
    postgres.summary = "A secret platypus."
    postgres.save_revision()

    assert found_titles(search(client, "platypus")) == []
    assert found_titles(search(client, "teapot")) == ["Speeding up Postgres"]


def test_each_result_names_its_event_and_day(client, talks):
    document = search(client, "Postgres")

    [card] = document.select(".talk-list .talk-card")
    facts = {text(dt): dt.find_next_sibling("dd") for dt in card.select("dt")}
    event, day = talks["postgres"].get_parent().get_parent(), talks["postgres"].get_parent()
    assert [(text(a), a["href"]) for a in facts["Event"].select("a")] == [
        ("PyCon Testland 2024", event.url),
        ("Day 1", day.url),
    ]
    assert facts["Event"].get_text() == "PyCon Testland 2024, Day 1"
    assert text(facts["Speaker"]) == "Grace Hopperton"
    assert text(document.find(attrs={"role": "status"})) == "1 talk found."


def test_every_word_must_match(client, talks):
    assert found_titles(search(client, "Postgres quokka")) == []


def test_an_empty_query_shows_the_form_and_no_results(client, talks):
    for query in ("", "   "):
        response = client.get("/search/", {"q": query})
        document = soup(response)

        assert response.status_code == 200
        assert text(document.h1) == "Search talks"
        assert document.select_one("main form[role=search] input[name=q]") is not None
        assert document.select(".talk-list") == []
        assert document.find(attrs={"role": "status"}) is None


def test_search_without_a_query_parameter_shows_the_form(client, db):
    document = soup(client.get("/search/"))

    assert text(document.h1) == "Search talks"
    assert document.select(".talk-list") == []


def test_results_are_paginated_twenty_to_a_page(client, db):
    day = make_day(make_event())
    for number in range(23):
        make_talk(day, f"Hyperdrive talk {number}")

    first, second = search(client, "hyperdrive"), client.get("/search/", {"q": "hyperdrive", "page": 2})

    assert len(found_titles(first)) == 20
    assert first.find("a", rel="next")["href"] == "?q=hyperdrive&page=2"
    assert len(found_titles(soup(second))) == 3


def test_the_demo_keynote_is_found_by_testing(client, demo):
    titles = found_titles(search(client, "testing"))

    assert "Testing Modern Web Apps Like a Champion" in titles
    assert "Empathetic testing: Developing with compassion and humility" in titles
