"""No query breaks search: hostile input answers 200 with the page a reader expects, on SQLite and PostgreSQL.

The suite runs once per database (make test, make test-postgres). Each input goes through the
search box and the filters as a browser would send it; the page must answer 200, show no
markup from the input, and say what it found.
"""

import pytest

from conference.factories import make_day, make_event, make_talk

from .helpers import soup, text

HOSTILE_QUERIES = [
    # quotes, balanced and not
    '"',
    '""',
    '"migrations',
    'migrations"',
    '"unbalanced phrase',
    "'",
    "it's",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR 1=1 --',
    "`backticks`",
    # the query syntax of FTS5 and tsquery
    "AND",
    "OR",
    "NOT",
    "migrations AND",
    "OR migrations",
    "NOT migrations",
    "migrations NOT downtime",
    "NEAR(migrations downtime)",
    "-migrations",
    "--",
    "*",
    "migr*",
    "*migrations",
    ":",
    "title:migrations",
    "{title body}: x",
    "^migrations",
    "migrations & downtime",
    "migrations | downtime",
    "!migrations",
    "migrations <-> downtime",
    "migrations:*",
    "'migrations':*",
    "(",
    ")",
    "(migrations",
    "((()))",
    "[migrations]",
    # backslashes, NUL and control characters
    "\\",
    "migrations\\",
    "\\x00",
    "\x00",
    "migra\x00tions",
    "\x01\x02\x03\x1b[31m",
    "\t\n\r\x0b\x0c",
    "\u200b\u200e\ufeff",
    "%",
    "%s %d %%",
    "100%_",
    "_",
    "?",
    # very long queries
    "a" * 5_000,
    "migrations " * 500,
    " ".join(f"word{n}" for n in range(300)),
    '"' * 1_000,
    "(" * 500,
    # unicode and emoji
    "café",
    "Ünïcödé straße",
    "日本語のテキスト",
    "مرحبا",
    "🎉",
    "🎉 migrations 🚀",
    "👩🏽‍💻",
    "\U0001f600" * 100,
    "e\u0301",  # e + combining accent
    "ﬁ",  # a ligature
    # markup and SQL-ish
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "&lt;mark&gt;",
    "<mark>migrations</mark>",
    "SELECT * FROM wagtailcore_page",
    "1; SELECT pg_sleep(5)",
    "UNION SELECT password FROM auth_user",
    "migrations' OR '1'='1",
    "$$ $1 @@ ::",
    "null",
    "None",
    "undefined",
]


@pytest.fixture
def talk(db):
    day = make_day(make_event("Hostile Conf"))
    return make_talk(day, "Migrations without downtime", summary="Zero downtime migrations.")


def test_there_are_at_least_fifty_hostile_queries():
    assert len(set(HOSTILE_QUERIES)) == len(HOSTILE_QUERIES) >= 50


def problems_with(response, query) -> list[str]:
    """What is wrong with the search page answering `query`: nothing, for a page a reader can use."""
    if response.status_code != 200:
        return [f"status {response.status_code}"]
    problems = []
    document = soup(response)
    status = document.find(attrs={"role": "status"})
    visible = "".join(c for c in query if c.isprintable()).strip()
    # Every query with something visible in it is answered: results, none, or no words to search for.
    if visible and not (status and any(s in text(status) for s in ("found", "No talks match", "no words"))):
        problems.append(f"no answer: {status}")
    # Nothing of the query became markup: no script, no image, no <mark> outside the results.
    if document.find("script", src=False, type=lambda t: t != "application/ld+json") is not None:
        problems.append("an inline script")
    if document.find("img", onerror=True) is not None:
        problems.append("an image from the query")
    if any(mark.find_parent(class_="talk-card") is None for mark in document.select("mark")):
        problems.append("a <mark> outside the results")
    if "\x00" in response.content.decode():
        problems.append("a NUL character in the page")
    return problems


def test_every_hostile_query_answers_a_page_of_results_or_of_none(client, talk):
    failures = {}
    for query in HOSTILE_QUERIES:
        for params in ({"q": query}, {"q": query, "event": query, "kind": query, "page": query}):
            problems = problems_with(client.get("/search/", params), query)
            if problems:
                failures[f"{params!r}"[:120]] = problems

    assert failures == {}


def test_words_inside_hostile_input_are_still_found(client, talk):
    for query in ('"migrations', "migrations AND", "(migrations)", "migrations:*", "-migrations-", "🎉 migrations 🚀"):
        document = soup(client.get("/search/", {"q": query}))
        assert [" ".join(a.get_text().split()) for a in document.select(".talk-card__title a")] == [
            "Migrations without downtime"
        ], query


def test_a_query_without_words_says_so(client, talk):
    document = soup(client.get("/search/", {"q": '🎉 *** "" AND the'}))

    assert text(document.find(attrs={"role": "status"})) == (
        '“🎉 *** "" AND the” has no words to search for: search ignores punctuation and very common words'
        " such as “and” or “the”. Try other words."
    )


def test_a_long_query_searches_its_first_ten_words_and_says_so(client, db):
    day = make_day(make_event("Greek Conf"))
    make_talk(day, "Letters", summary="alpha beta gamma delta epsilon zeta theta iota kappa lambda")

    document = soup(
        client.get("/search/", {"q": "alpha beta gamma delta epsilon zeta theta iota kappa lambda omicron"})
    )

    assert text(document.find(attrs={"role": "status"})) == "1 talk found."
    assert text(document.select_one(".search-note")) == (
        "That query is long: only these words of it were searched: "
        "alpha beta gamma delta epsilon zeta theta iota kappa lambda."
    )


def test_a_repeated_word_is_not_a_long_query(client, talk):
    document = soup(client.get("/search/", {"q": "migrations downtime " * 10}))

    assert text(document.find(attrs={"role": "status"})) == "1 talk found."
    assert document.select_one(".search-note") is None
