"""Search over talk titles, summaries, speakers and body text, on SQLite and on PostgreSQL.

The suite runs once per database (make test, make test-postgres); on PostgreSQL, Wagtail's
database backend must be its PostgreSQL full-text search, with stemming; on SQLite, FTS5 with
the site's word-and-stem prefix queries (conference.search_backend).
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.search.backends import get_search_backend

from conference.factories import make_day, make_event, make_speaker, make_talk, paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def talks():
    day = make_day(make_event())
    make_talk(
        day,
        "Migrations without downtime",
        summary="Zero-downtime schema changes for busy sites.",
        body=[paragraph("<p>Add the column first, backfill it, then switch the code over.</p>")],
        speakers=[make_speaker("Ada Quokka")],
    )
    make_talk(
        day,
        "Accessible forms",
        summary="Labels, errors and focus.",
        body=[paragraph("<p>Screen readers announce every label.</p>")],
        speakers=[make_speaker("Grace Wombat")],
    )


def found(client, query) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    # get_text(): a title's highlighted words are <mark> elements inside its words' text.
    return sorted(" ".join(a.get_text().split()) for a in soup.select(".talk-card__title a"))


def test_the_backend_is_the_databases_own_full_text_search():
    backend = get_search_backend()
    if connection.vendor == "postgresql":
        assert type(backend).__module__ == "modelsearch.backends.database.postgres.postgres"
    else:
        assert type(backend).__module__ == "modelsearch.backends.database.sqlite.sqlite"
        assert backend.query_compiler_class.__name__ == "StemmingSQLiteSearchQueryCompiler"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("downtime", ["Migrations without downtime"]),  # title
        ("backfill", ["Migrations without downtime"]),  # body text
        ("focus", ["Accessible forms"]),  # summary
        ("Wombat", ["Accessible forms"]),  # speaker
        ("readers", ["Accessible forms"]),
        ("nothing-like-this", []),
    ],
)
def test_search_finds_talks_by_title_summary_speaker_and_body(client, talks, query, expected):
    assert found(client, query) == expected


@pytest.mark.parametrize("query", ["migration", "migrations", "migrating", "Migrate"])
def test_other_forms_of_a_word_find_the_same_talks(client, talks, query):
    # PostgreSQL stems words (english); SQLite searches the word and its stem as prefixes.
    assert found(client, query) == ["Migrations without downtime"]


def test_a_word_in_another_form_than_the_text_is_found(client, talks):
    assert found(client, "announced") == ["Accessible forms"]  # the text says "announce"
