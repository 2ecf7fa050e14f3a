"""The site's search backend: Wagtail's database backend, with other forms of a word found on SQLite too.

On PostgreSQL this is Wagtail's (modelsearch's) PostgreSQL full-text search unchanged: words are
stemmed with the `english` configuration, so "migration" and "migrations" are the same word.

On SQLite, the FTS5 table that modelsearch's migration creates uses FTS5's default tokenizer
(unicode61: case and accents folded, no stemming), and changing it would mean replacing a third
party's table. So each query word of at least MIN_PREFIX_LENGTH letters is searched as a prefix,
together with its English stem as a prefix: "migrations" searches `"migrations"* OR "migrat"*`,
which finds migration, migrations, migrate and migrating, as PostgreSQL does. What still differs
is in the README ("Search").

Each word is also quoted the way FTS5 wants (a `"` doubled), where modelsearch's own quoting
lets a `"` end the string early and the query fail: the public search only ever passes plain
words (conference.search_query), but the admin's search boxes pass what editors type.
"""

from functools import cache

from django.db.models import Value
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import PlainText

from .search_query import MIN_PREFIX_LENGTH, fold, variants


class FTS5Query(Value):
    """A whole FTS5 query string, handed to MATCH as it is (modelsearch's MatchExpression adds the columns)."""

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


def fts5_string(word: str, prefix: bool) -> str:
    """One word as an FTS5 string: in double quotes, a `"` doubled, nothing else special inside."""
    quoted = '"' + word.replace('"', '""') + '"'
    return quoted + "*" if prefix else quoted


def fts5_word(word: str) -> str:
    """A query word and its English stem, each a prefix when long enough: `("migrations"* OR "migrat"*)`."""
    if not word.isalnum():  # punctuation inside (an editor's "C++", "node.js"): a phrase, as typed
        return fts5_string(word, prefix=False)
    forms = [fts5_string(form, prefix=len(form) >= MIN_PREFIX_LENGTH) for form in variants(fold(word))]
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


@cache
def stemming_sqlite_compiler():
    """The SQLite query compiler with words and stems as prefixes (imported only on SQLite: the
    modules of modelsearch's SQLite backend need its FTS table's model, which exists only there)."""
    from modelsearch.backends.database.sqlite.query import SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler

    class StemmingSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            words = query.query_string.split()
            if not words:
                return None
            connector = " AND " if query.operator.upper() == "AND" else " OR "
            return SearchQueryExpression(FTS5Query(connector.join(fts5_word(word) for word in words)), config=config)

    return StemmingSQLiteSearchQueryCompiler


def SearchBackend(params):  # noqa: N802
    """Wagtail looks a backend module's `SearchBackend` up by that name."""
    backend = database_search_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class = stemming_sqlite_compiler()
    return backend
