"""/search/ finds live talks by title, summary, speaker and notes, and never shows drafts."""

import datetime

import pytest

from conference.factories import bullet_list, make_day, make_event, make_speaker, make_talk
from conference.testing import per_module

from .helpers import soup, text


def build_talks():
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


_module_talks, talks = per_module(build_talks)


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


def test_a_result_shows_why_it_matched_with_the_words_marked(client, talks):
    document = search(client, "zeppelins")  # the notes say "zeppelin": another form of the word

    [card] = document.select(".talk-card")
    snippet = card.select_one(".search-result__snippet")
    assert [text(mark) for mark in snippet.select("mark")] == ["zeppelin"]
    assert "Watch the zeppelin of bloat" in text(snippet)


def test_the_title_marks_the_words_found_in_it(client, talks):
    [title] = search(client, "postgres").select(".talk-card__title a")

    assert str(title) == f'<a href="{talks["postgres"].url}">Speeding up <mark>Postgres</mark></a>'


def test_markup_in_a_talk_and_in_the_query_is_shown_as_text_never_run(client, db):
    day = make_day(make_event())
    make_talk(
        day,
        # PostgreSQL's parser drops "<script>" as a tag: "a script story" is what it indexes.
        "Escaping <script>alert(1)</script>: a script story",
        body=[("paragraph", "<p>Type &lt;mark&gt;quokka&lt;/mark&gt; here.</p>")],
    )

    response = client.get("/search/", {"q": "quokka <script>"})

    html = response.content.decode()
    assert "<script>alert" not in html
    [card] = soup(response).select(".talk-card")
    assert [text(mark) for mark in card.select("mark")] == ["script", "script", "script", "quokka"]
    assert "<mark>quokka</mark>" in str(card.select_one(".search-result__snippet"))
    assert "&lt;mark&gt;<mark>quokka</mark>&lt;/mark&gt;" in str(card.select_one(".search-result__snippet"))


@pytest.fixture
def two_events(db):
    spring = make_event("Spring Conf", start_date=datetime.date(2024, 4, 1))
    autumn = make_event("Autumn Conf", start_date=datetime.date(2024, 10, 1))
    make_talk(make_day(spring), "Spring gardens", kind="talk")
    make_talk(make_day(spring), "Spring keynote on gardens", kind="keynote")
    make_talk(make_day(autumn), "Autumn gardens", kind="talk")
    return spring, autumn


def test_results_can_be_filtered_by_event_and_by_kind(client, two_events):
    spring, _autumn = two_events

    def titles(**filters):
        return sorted(found_titles(soup(client.get("/search/", {"q": "gardens", **filters}))))

    assert titles() == ["Autumn gardens", "Spring gardens", "Spring keynote on gardens"]
    assert titles(event=spring.pk) == ["Spring gardens", "Spring keynote on gardens"]
    assert titles(kind="keynote") == ["Spring keynote on gardens"]
    assert titles(event=spring.pk, kind="talk") == ["Spring gardens"]
    # An unknown filter (an old link, a typo) is no filter.
    assert titles(event="999999", kind="seminar") == titles()


def test_the_filters_offer_every_public_event_and_kind_and_keep_the_choice(client, two_events):
    spring, _autumn = two_events

    document = soup(client.get("/search/", {"q": "gardens", "event": spring.pk, "kind": "keynote"}))

    event = document.select_one("main form[role=search] select[name=event]")
    kind = document.select_one("main form[role=search] select[name=kind]")
    assert [text(o) for o in event.select("option")] == ["Every event", "Autumn Conf", "Spring Conf"]  # newest first
    assert text(event.select_one("option[selected]")) == "Spring Conf"
    assert [text(o) for o in kind.select("option")] == [
        "Every kind", "Talk", "Keynote", "Lightning talks", "Panel", "Workshop",
    ]  # fmt: skip
    assert text(kind.select_one("option[selected]")) == "Keynote"
    for control in (event, kind, document.select_one("main input[name=q]")):
        assert document.select_one(f"label[for={control['id']}]") is not None


def test_the_search_page_has_one_search_box(client, talks):
    for params in ({}, {"q": "teapot"}):
        document = soup(client.get("/search/", params))
        assert len(document.select("form[role=search]")) == 1
        assert len(document.select("input[type=search]")) == 1
    # Every other page keeps the header's box.
    assert len(soup(client.get("/speakers/")).select("header form[role=search]")) == 1


def test_migration_and_migrations_find_the_same_demo_talks(client, demo):
    singular, plural = found_titles(search(client, "migration")), found_titles(search(client, "migrations"))

    assert len(plural) >= 3
    assert sorted(singular) == sorted(plural)
