"""Markdown notes → EventSpec. The format is documented in docs/notes-format.md.

    ---                      front matter: the event
    name: DjangoCon US 2023
    dates: 2023-10-16 to 2023-10-20
    ---
    The event's introduction (paragraphs).

    # Day 1                  a day; the lines right under a heading are its metadata
    date: 2023-10-16

    ## Talk title            a talk, keynote, panel … or lightning-talks session
    speakers: Julia, Jay
    kind: panel

    The body: paragraphs, > quotes, - lists, ``` code, ![alt](file.png), tables, ### headings.

    ### Lightning talk: Its title    (only in a session of `kind: lightning`)
    speaker: Someone

The front matter is YAML; keys it does not know are listed as warnings. The
heading levels of days and talks may be declared there (`day_heading: 1`,
`talk_heading: 4`), so notes that put talks at `####` import as written.

This module checks syntax only. What the pages and blocks themselves check
(a day outside its event's dates, a talk ending before it starts, a skipped
heading level in a body…) is reported by the importer from the models' and
blocks' own validation, mapped to `file:line`, so each rule has one message.

Every problem is collected with its line and a hint; `parse_notes` raises
NotesError listing all the errors, so one run shows everything to fix.
Warnings (what the import changes or drops) are kept on the spec.
"""

import datetime
import re

from conference.models.talks import TalkKind
from conference.schedule import notes_keys

from . import language_keys
from .body import BlockReader, line_of
from .frontmatter import read_front_matter
from .inline import MD, plain_text
from .spec import Block, DaySpec, EventSpec, LightningSpec, NotesError, Problem, TalkSpec, default_slug

# Each kind of heading's metadata keys (the event's are in frontmatter.py). A new key
# is added here and read in the matching new_* method; anything else is an error.
DAY_KEYS = ("date", "slug")
TALK_KEYS = ("slug", "speakers", "kind", "time", "room", "language", "tags", "summary", *notes_keys.TALK_KEYS)
LIGHTNING_KEYS = ("speaker",)
LIGHTNING_HEADING = re.compile(r"^lightning talk:\s*(.*)$", re.I)
LIGHTNING_BLOCKS = ("paragraph", "quote", "list", "code", "image", "divider")
DATE_HINT = "write dates as YYYY-MM-DD, e.g. 2023-10-16"
KINDS = {**{value: value for value in TalkKind.values}, **{label.lower(): value for value, label in TalkKind.choices}}
SLUG = re.compile(r"^[-a-z0-9_]+$")
DATES = re.compile(r"^\s*(\S+)\s+(?:to|–|—)\s+(\S+)\s*$")
TIMES = re.compile(r"^\s*(\d{1,2}:\d{2})\s*(?:(?:–|—|-|to)\s*(\d{1,2}:\d{2}))?\s*$")


DEFAULT_LEVELS = {"day_heading": 1, "talk_heading": 2}
MAX_BODY_LEVEL = 4


def parse_notes(text: str, source: str = "notes.md", find_image=None, strict=False) -> EventSpec:
    """Parse a notes file; `find_image(path)` returns (Path, sha1) for an image path, or None.

    Without `find_image`, image files are not looked for (the format alone is read).
    With `strict`, warnings are errors.
    """
    return NotesParser(text, source, find_image, strict).parse()


class NotesParser:
    def __init__(self, text, source, find_image, strict=False):
        self.source = source
        self.strict = strict
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        self.reader = BlockReader(self.lines, self.problems, find_image)
        self.event = self.day = self.talk = self.lightning = None
        self.levels = dict(DEFAULT_LEVELS)

    def problem(self, line, message, hint=""):
        self.problems.append(Problem(line, message, hint))

    def warning(self, line, message, hint=""):
        self.problems.append(Problem(line, message, hint, warning=True))

    def parse(self) -> EventSpec:
        end = self.front_matter()
        # Blank out the front matter so that token line numbers stay the file's.
        tokens = MD.parse("\n" * end + "\n".join(self.lines[end:]))
        i = 0
        while i < len(tokens):
            if tokens[i].type == "heading_open":
                i = self.heading(tokens, i)
            else:
                block, i = self.reader.read(tokens, i, self.quote_speakers())
                if block is not None:
                    self.place(block)
        self.check()
        warnings = [p for p in self.problems if p.warning]
        errors = [p for p in self.problems if not p.warning]
        if self.strict:
            errors, warnings = errors + [p.as_error() for p in warnings], []
        if errors:
            raise NotesError(self.source, errors + warnings)  # the warnings too: every problem at once
        self.event.warnings = sorted(warnings, key=lambda p: p.line)
        return self.event

    # The event ----------------------------------------------------------------

    def front_matter(self) -> int:
        """Read the front matter; return the index of the first line after it."""
        self.event = EventSpec(title="", slug="")
        if not self.lines or self.lines[0].strip() != "---":
            self.problem(
                1,
                "the notes do not start with front matter",
                "start with a line `---`, then `name:` and `dates:` lines, then `---`",
            )
            return 0
        try:
            close = next(n for n in range(1, len(self.lines)) if self.lines[n].strip() == "---")
        except StopIteration:
            self.problem(1, "the front matter is never closed", "end it with a line `---`")
            return len(self.lines)
        meta = read_front_matter(self.lines, close, self.problems)
        ev = self.event
        ev.title = self.required(meta, "name", 1, "the event")
        ev.slug = self.slug(meta, ev.title)
        ev.location = self.required(meta, "location", 1, "the event")
        ev.website = meta.get("website", ("", 0))[0]
        notes_keys.read_event_keys(self, ev, meta)
        language_keys.read_language(self, ev, meta, "the event")
        dates, line = meta.get("dates", ("", 1))
        if not dates:
            self.problem(
                1, "the event has no dates", "add a line `dates: 2023-10-16 to 2023-10-20` to the front matter"
            )
        else:
            match = DATES.match(dates)
            first, last = match.groups() if match else (dates, None)
            ev.start_date = self.date(first, line)
            ev.end_date = self.date(last, line) if last else ev.start_date
            ev.field_lines.update(start_date=line, end_date=line)
        if "logo" in meta:
            ev.logo = self.logo(*meta["logo"])
        for key in DEFAULT_LEVELS:
            if key in meta:
                self.heading_level_setting(key, *meta[key])
        if self.levels["day_heading"] >= self.levels["talk_heading"]:
            self.problem(
                meta.get("talk_heading", ("", 1))[1],
                "talks must be headings below days",
                "make talk_heading greater than day_heading",
            )
        return close + 1

    def heading_level_setting(self, key, value, line):
        if not value.isdigit() or not 1 <= int(value) <= 5:
            self.problem(line, f"{key}: {value!r} is not a heading level", f"write `{key}:` and a number from 1 to 5")
            return
        self.levels[key] = int(value)

    def logo(self, value, line):
        tokens = MD.parseInline(value)
        children = tokens[0].children if tokens else []
        if len(children) != 1 or children[0].type != "image":
            self.problem(line, "the logo is not an image", "write `logo: ![the event's name](logo.png)`")
            return None
        # Its alt text is the image block's own rule, reported by the importer at this line.
        return self.reader.image_ref(children[0], line)

    # Headings: days, talks, lightning talks and body headings -------------------

    def heading(self, tokens, i) -> int:
        open_, inline = tokens[i], tokens[i + 1]
        line, level = line_of(open_), int(open_.tag[1])
        title = plain_text(inline.children, line, "a heading", self.problems).strip()
        meta_start = open_.map[1]
        i += 3
        day_level, talk_level = self.levels["day_heading"], self.levels["talk_heading"]
        if level in (day_level, talk_level):
            meta, i = self.metadata(tokens, i, meta_start, DAY_KEYS if level == day_level else TALK_KEYS, title)
            (self.new_day if level == day_level else self.new_talk)(title, meta, line)
            return i
        marks = "#" * level
        if level < talk_level:
            self.problem(
                line,
                f"a {marks} heading is neither a day ({'#' * day_level}) nor a talk ({'#' * talk_level})",
                "make it a day or a talk heading, or declare the levels in the front matter "
                "(`day_heading:`, `talk_heading:`)",
            )
            return i
        lightning = LIGHTNING_HEADING.match(title) if level == talk_level + 1 else None
        if lightning and self.talk:
            # Lightning talks only in a session of kind lightning is the talk page's own rule
            # (TalkPage.clean), reported by the importer at the session's `kind:` line or heading.
            meta, i = self.metadata(tokens, i, meta_start, LIGHTNING_KEYS, title)
            self.lightning = LightningSpec(lightning.group(1).strip(), meta.get("speaker", ("", 0))[0], line=line)
            if not self.lightning.title:
                self.problem(line, "a lightning talk without a title", f"write `{marks} Lightning talk: Its title`")
            self.talk.lightning.append(self.lightning)
            return i
        if self.lightning:
            self.problem(
                line,
                "a heading inside a lightning talk's notes",
                "a lightning talk's notes hold paragraphs, quotes, lists, code and images; "
                f"start the next one with `{marks} Lightning talk: …`",
            )
            return i
        # A talk's first heading level is h2 (the talk title is the page's h1). Skipped levels
        # are the talk body's own rule (TalkBodyBlock), reported by the importer.
        body_level = level - talk_level + 1
        if body_level > MAX_BODY_LEVEL:
            deepest = "#" * (talk_level + MAX_BODY_LEVEL - 1)
            self.problem(
                line,
                f"a {marks} heading is too deep",
                f"a talk's headings go from {'#' * (talk_level + 1)} (h2) to {deepest} (h4)",
            )
            return i
        self.place(Block("heading", {"level": f"h{body_level}", "text": title}, line))
        return i

    def metadata(self, tokens, i, start, keys, title):
        """The `key: value` lines right under a heading: ({key: (value, line)}, next token index)."""
        if i < len(tokens) and tokens[i].type == "paragraph_open" and tokens[i].map[0] == start:
            return self.collect(range(start, tokens[i].map[1]), keys, f"“{title}”"), i + 3
        return {}, i

    def collect(self, line_numbers, keys, what):
        """{key: (value, line)} from `key: value` lines (0-based numbers), each key at most once."""
        meta = {}
        for n in line_numbers:
            for key, value in self.reader.meta_lines(n, n + 1, keys, what).items():
                if key in meta:
                    self.problem(n + 1, f"{key!r} is given twice for {what}", f"keep one `{key}:` line")
                else:
                    meta[key] = (value, n + 1)
        return meta

    def new_day(self, title, meta, line):
        self.talk = self.lightning = None
        self.day = DaySpec(title=title, slug=self.slug(meta, title), line=line)
        value, date_line = meta.get("date", ("", line))
        if not value:
            self.problem(
                line, f"the day “{title}” has no date", "put `date: YYYY-MM-DD` on the line right under the heading"
            )
        else:
            self.day.date = self.date(value, date_line)
            self.day.field_lines["date"] = date_line
        self.event.days.append(self.day)

    def new_talk(self, title, meta, line):
        self.lightning = None
        talk = self.talk = TalkSpec(title=title, slug=self.slug(meta, title), line=line)
        if self.day is None:
            self.problem(
                line,
                f"the talk “{title}” is outside any day",
                "put a day heading (`# Day 1` with `date: YYYY-MM-DD` under it) before it",
            )
            self.day = DaySpec(title="", slug="", line=line)  # keeps parsing; never imported
        self.day.talks.append(talk)
        value, kline = meta.get("kind", ("talk", line))
        talk.kind = KINDS.get(value.strip().lower(), "")
        if not talk.kind:
            self.problem(kline, f"unknown kind {value!r}", f"use one of: {', '.join(TalkKind.values)}")
        talk.speakers = _split(meta.get("speakers", ("", 0))[0])
        talk.tags = _split(meta.get("tags", ("", 0))[0])
        talk.room = meta.get("room", ("", 0))[0]
        talk.summary = meta.get("summary", ("", 0))[0]
        if "time" in meta:
            self.times(talk, *meta["time"])
            talk.field_lines.update(start_time=meta["time"][1], end_time=meta["time"][1])
        for key in ("kind", "room", "summary"):
            if key in meta:
                talk.field_lines[key] = meta[key][1]
        notes_keys.read_talk_keys(self, talk, meta)
        language_keys.read_language(self, talk, meta, f"“{talk.title}”")

    def times(self, talk, value, line):
        """The times as written; whether the end comes after the start is the talk page's own rule."""
        match = TIMES.match(value)
        try:
            if not match:
                raise ValueError(value)
            talk.start_time = datetime.datetime.strptime(match.group(1), "%H:%M").time()
            talk.end_time = datetime.datetime.strptime(match.group(2), "%H:%M").time() if match.group(2) else None
        except ValueError:
            self.problem(line, f"{value!r} is not a time", "write `time: 10:00` or `time: 10:00–10:45` (24-hour clock)")

    # Where body blocks go ------------------------------------------------------

    def quote_speakers(self) -> list[str]:
        names = list(self.talk.speakers) if self.talk else []
        if self.lightning and self.lightning.speaker:
            names.append(self.lightning.speaker)
        return names

    def place(self, block):
        if self.lightning is not None:
            if block.type not in LIGHTNING_BLOCKS:
                self.problem(
                    block.line,
                    f"a {block.type} in a lightning talk's notes",
                    "lightning notes hold paragraphs, quotes, lists, code and images",
                )
            self.lightning.notes.append(block)
        elif self.talk is not None:
            self.talk.body.append(block)
        elif block.type == "paragraph":
            target = self.day or self.event
            target.intro += block.value
        elif block.type == "divider":
            self.warning(block.line, "a thematic break (---) in an introduction is dropped", "leave it out")
        else:
            where = f"the day “{self.day.title}”" if self.day else "the event"
            self.problem(
                block.line,
                f"a {block.type} in the introduction of {where}",
                "an introduction is paragraphs only; start a talk with a ## heading first",
            )

    # Values ------------------------------------------------------------------

    def required(self, meta, key, line, what):
        value = meta.get(key, ("", line))[0]
        if not value:
            self.problem(line, f"{what} has no {key}", f"add a line `{key}: …` to the front matter")
        return value

    def slug(self, meta, title):
        value, line = meta.get("slug", ("", 0))
        if value and not SLUG.match(value):
            self.problem(line, f"{value!r} is not a slug", "use lowercase letters, digits and hyphens")
        return value or default_slug(title)

    def date(self, value, line):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            self.problem(line, f"{value!r} is not a date", DATE_HINT)
            return None

    def check(self):
        """Slugs the notes give twice (pages are matched by slug), and talks with nothing in them."""
        days = set()
        for day in self.event.days:
            if day.slug in days:
                self.problem(day.line, f"two days have the slug {day.slug!r}", "give one of them `slug: …`")
            days.add(day.slug)
            talks = set()
            for talk in day.talks:
                if talk.slug in talks:
                    self.problem(
                        talk.line, f"two talks on this day have the slug {talk.slug!r}", "give one of them `slug: …`"
                    )
                talks.add(talk.slug)
                if not talk.body and not talk.lightning:
                    self.warning(
                        talk.line, f"the talk “{talk.title}” has no notes", "it is published with its title only"
                    )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]
