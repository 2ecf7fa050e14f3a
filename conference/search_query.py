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
from functools import cached_property, lru_cache
from itertools import islice

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

    @cached_property
    def _candidates(self) -> re.Pattern:
        """Words that may match, found by their first letters in the folded text: only these are
        stemmed and compared (stemming every word of a long text costs more than the whole page)."""
        starts = {v[:MIN_PREFIX_LENGTH] for w in self.words for v in (w, *variants(w), stem(w))}
        alternatives = "|".join(re.escape(start) for start in sorted(starts, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})\w*")

    def _matching(self, text: str, start: int = 0, end: int | None = None):
        """(start, end) of each matching word of text[start:end]."""
        end = len(text) if end is None else end
        if not self.words:
            return
        for m in self._candidates.finditer(_folded_in_place(text), start, end):
            if self.matches(text[m.start() : m.end()]):
                yield m.span()

    def highlight(self, text: str) -> SafeString:
        """`text` escaped, with every matching word in <mark>."""
        return _joined(self._marked(text, 0, len(text)))

    def snippet(self, text: str) -> SafeString | None:
        """About SNIPPET_WORDS words of `text` around its first matching word, highlighted; None without one."""
        first = next(self._matching(text), None)
        if first is None:
            return None
        # Up to a third of the words before the match (within a few hundred characters), the rest after.
        before = [m for m in _WORD.finditer(text, max(0, first[0] - 300), first[0])]
        if before and before[0].start() > 0 and text[before[0].start() - 1].isalnum():
            before = before[1:]  # the lookback began inside a word
        before = before[-(SNIPPET_WORDS // 3) :]
        after = list(islice(_WORD.finditer(text, first[0], first[0] + 600), SNIPPET_WORDS - len(before)))
        start = before[0].start() if before else first[0]
        end = after[-1].end()
        parts = [
            "…" if text[:start].strip() else "",
            *self._marked(text, start, end),
            "…" if text[end:].strip() else "",
        ]
        return _joined(parts)

    def _marked(self, text: str, start: int, end: int):
        """Escaped pieces of text[start:end]: a match is escaped first, then wrapped in <mark>."""
        position = start
        for a, b in self._matching(text, start, end):
            yield escape(text[position:a])
            yield format_html("<mark>{}</mark>", text[a:b])
            position = b
        yield escape(text[position:end])


@lru_cache(maxsize=64)
def _folded_in_place(text: str) -> str:
    """`text` folded character by character, so that positions in it are positions in `text`
    (cached: a result's text is read twice, to find its first match and to mark its snippet)."""
    if text.isascii():
        return text.lower()
    return text.translate({ord(c): _fold_char(c) for c in set(text)})


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    return fold(c)[:1] or c


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
