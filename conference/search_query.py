"""What a reader typed into the search box, made safe to search for and to show back.

A query is reduced to its words (letters and digits, as both databases' full-text search split
text into words): quotes, operators (AND, OR, NOT, -, *, :), brackets, backslashes and control
characters are never handed to the database's query syntax, so no input can make FTS5 or
`to_tsquery` fail. Long queries keep their first words.

The same words say which words of a result to highlight: a word of the text matches a query
word when both have the same English stem (as PostgreSQL's `english` configuration stems them)
or when it begins with the query word or its stem (as SQLite's prefix queries match: see
`conference.search_backend`).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

MAX_QUERY_LENGTH = 200  # characters read from the box; the form's maxlength says the same
MAX_WORDS = 10
MAX_WORD_LENGTH = 40
# Shorter words match only whole words: "go" must not find every "good" and "google".
MIN_PREFIX_LENGTH = 3
SNIPPET_WORDS = 30  # words of context shown around the first match

# Words too common to search for: PostgreSQL's `english` configuration leaves these out of its
# index and its queries (tsearch_data/english.stop, from Snowball); leaving them out on SQLite too
# makes "migrations AND downtime" or "the migration" find the same talks on both.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these
    those am is are was were be been being have has had having do does did doing a an the and but if or
    because as until while of at by for with about against between into through during before after
    above below to from up down in out on off over under again further then once here there when where
    why how all any both each few more most other some such no nor not only own same so than too very s
    t can will just don should now
    """.split()
)

_WORD = re.compile(r"\w+")
_stemmer = snowballstemmer.stemmer("english")


def fold(word: str) -> str:
    """Lower case without accents: how both databases compare words ("Café" is "cafe")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


@dataclass(frozen=True)
class SearchWords:
    """The words of a query: what is searched for and highlighted."""

    words: tuple[str, ...]
    shortened: bool = False  # the query had more than MAX_WORDS words or overlong words

    @classmethod
    def parse(cls, raw: str) -> "SearchWords":
        text = raw[:MAX_QUERY_LENGTH]
        found = [fold(w) for w in _WORD.findall(text)]
        found = [w.replace("_", " ").strip() for w in found]  # "_" separates words for both databases
        words = [part for w in found for part in w.split() if part not in STOP_WORDS]
        unique = tuple(dict.fromkeys(w[:MAX_WORD_LENGTH] for w in words))
        shortened = (
            len(raw) > MAX_QUERY_LENGTH or len(unique) > MAX_WORDS or any(len(w) > MAX_WORD_LENGTH for w in words)
        )
        return cls(unique[:MAX_WORDS], shortened)

    def __bool__(self):
        return bool(self.words)

    def __str__(self):
        """What the search backend is given: plain words, one space apart."""
        return " ".join(self.words)

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Each word and its stem, the beginnings a matching word may have (SQLite's prefix query)."""
        return tuple(dict.fromkeys(v for w in self.words for v in variants(w)))

    def matches(self, word: str) -> bool:
        folded = fold(word)
        if not folded:
            return False
        for query_word in self.words:
            for variant in variants(query_word):
                if folded == variant or (len(variant) >= MIN_PREFIX_LENGTH and folded.startswith(variant)):
                    return True
            if stem(folded) == stem(query_word):
                return True
        return False

    def highlight(self, text: str) -> SafeString:
        """`text` escaped, with every matching word in <mark>."""
        return _joined(self._marked(text, 0, len(text)))

    def snippet(self, text: str) -> SafeString | None:
        """About SNIPPET_WORDS words of `text` around its first matching word, highlighted; None without one."""
        spans = [m.span() for m in _WORD.finditer(text)]
        first = next((i for i, (a, b) in enumerate(spans) if self.matches(text[a:b])), None)
        if first is None:
            return None
        start_word = max(0, first - SNIPPET_WORDS // 3)
        end_word = min(len(spans), start_word + SNIPPET_WORDS)
        start = 0 if start_word == 0 else spans[start_word][0]
        end = len(text) if end_word == len(spans) else spans[end_word - 1][1]
        parts = ["…" if start else "", *self._marked(text, start, end), "…" if end < len(text) else ""]
        return _joined(parts)

    def _marked(self, text: str, start: int, end: int):
        """Escaped pieces of text[start:end]: a match is escaped first, then wrapped in <mark>."""
        position = start
        for m in _WORD.finditer(text, start, end):
            if self.matches(m.group()):
                yield escape(text[position : m.start()])
                yield format_html("<mark>{}</mark>", m.group())
                position = m.end()
        yield escape(text[position:end])


def _joined(pieces) -> SafeString:
    """Pieces joined, each escaped unless it already is (escape() and format_html() mark theirs safe)."""
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def printable(raw: str) -> str:
    """The query as it can be shown back: no control characters, spaces collapsed, at most MAX_QUERY_LENGTH."""
    visible = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in raw[:MAX_QUERY_LENGTH])
    return " ".join(visible.split())


def variants(word: str) -> tuple[str, ...]:
    stemmed = stem(word)
    return (word,) if stemmed == word else (word, stemmed)
