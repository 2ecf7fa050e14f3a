"""Search results with equal scores come in the order of their address, whatever order they were created in."""

import pytest
from django.db import connection

from conference.factories import make_day, make_event, make_talk

from .helpers import soup

pytestmark = [
    pytest.mark.django_db,
    # SQLite's FTS5 scores identical talks slightly differently (no exact ties to order); PostgreSQL's
    # ts_rank gives them equal scores, where the backend alone would list the newest first.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="exact ties happen on PostgreSQL: DATABASE_URL"),
]


def test_equal_scores_are_listed_by_address_not_by_creation(client):
    day = make_day(make_event("Order Conf"))
    for n in range(4):  # talks without the word, so that it is a rare word as in real searches
        make_talk(day, f"Other talk {n}", summary="Wombats only.")
    for slug in ("alpha-talk", "middle-talk", "zebra-talk"):  # created in address order: the backend lists newest first
        make_talk(day, "Identical", slug=slug, summary="Quokkas everywhere.")

    response = client.get("/search/?q=quokkas")

    links = [a["href"] for a in soup(response).select(".talk-card__title a")]
    assert [link.rsplit("/", 2)[-2] for link in links] == ["alpha-talk", "middle-talk", "zebra-talk"]
