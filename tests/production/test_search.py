"""Search over talk titles, summaries, speakers and body text, on SQLite and on PostgreSQL.

The suite runs once per database (make test, make test-postgres); on PostgreSQL, Wagtail's
database backend must be its PostgreSQL full-text search, with stemming.
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
    return sorted(a.get_text(strip=True) for a in soup.select(".talk-card__title a"))


def test_the_backend_is_the_databases_own_full_text_search():
    backend = type(get_search_backend()).__module__
    if connection.vendor == "postgresql":
        assert backend == "modelsearch.backends.database.postgres.postgres"
    else:
        assert backend == "modelsearch.backends.database.sqlite.sqlite"


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


def test_postgresql_search_matches_other_forms_of_a_word(client, talks):
    if connection.vendor != "postgresql":
        # SQLite's FTS5 has no stemming; the same query must simply not fail there.
        assert found(client, "announced") == []
        return
    assert found(client, "announced") == ["Accessible forms"]
