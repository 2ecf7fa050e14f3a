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

Every problem is collected with its line and a hint; `parse_notes` raises
NotesError listing all of them, so one run shows everything to fix.
"""

import datetime
import re

from conference.models.schedule import schedule_time_errors
from conference.models.talks import TalkKind
from conference.schedule import notes_keys

from .body import BlockReader, line_of
from .inline import MD, plain_text
from .spec import Block, DaySpec, EventSpec, LightningSpec, NotesError, Problem, TalkSpec, default_slug

EVENT_KEYS = ("name", "slug", "dates", "location", "website", "logo", *notes_keys.EVENT_KEYS)
DAY_KEYS = ("date", "slug")
TALK_KEYS = ("slug", "speakers", "kind", "time", "room", "tags", "summary", *notes_keys.TALK_KEYS)
LIGHTNING_KEYS = ("speaker",)
LIGHTNING_HEADING = re.compile(r"^lightning talk:\s*(.*)$", re.I)
LIGHTNING_BLOCKS = ("paragraph", "quote", "list", "code", "image")
DATE_HINT = "write dates as YYYY-MM-DD, e.g. 2023-10-16"
KINDS = {**{value: value for value in TalkKind.values}, **{label.lower(): value for value, label in TalkKind.choices}}
SLUG = re.compile(r"^[-a-z0-9_]+$")
DATES = re.compile(r"^\s*(\S+)\s+(?:to|–|—)\s+(\S+)\s*$")
TIMES = re.compile(r"^\s*(\d{1,2}:\d{2})\s*(?:(?:–|—|-|to)\s*(\d{1,2}:\d{2}))?\s*$")


def parse_notes(text: str, source: str = "notes.md", find_image=None) -> EventSpec:
    """Parse a notes file; `find_image(path)` returns (Path, sha1) for an image path, or None.

    Without `find_image`, image files are not looked for (the format alone is read).
    """
    return NotesParser(text, source, find_image).parse()


class NotesParser:
    def __init__(self, text, source, find_image):
        self.source = source
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        self.reader = BlockReader(self.lines, self.problems, find_image)
        self.event = self.day = self.talk = self.lightning = None
        self.heading_level = 1

    def problem(self, line, message, hint=""):
        self.problems.append(Problem(line, message, hint))

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
        if self.problems:
            raise NotesError(self.source, self.problems)
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
        lines = [n for n in range(1, close) if self.lines[n].strip() and not self.lines[n].lstrip().startswith("#")]
        meta = self.collect(lines, EVENT_KEYS, "the event")
        ev = self.event
        ev.title = self.required(meta, "name", 1, "the event")
        ev.slug = self.slug(meta, ev.title)
        ev.location = self.required(meta, "location", 1, "the event")
        ev.website = meta.get("website", ("", 0))[0]
        notes_keys.read_event_keys(self, ev, meta)
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
            if ev.start_date and ev.end_date and ev.end_date < ev.start_date:
                self.problem(line, "the event ends before it starts", "write `dates: FIRST to LAST`")
        if "logo" in meta:
            ev.logo = self.logo(*meta["logo"])
        return close + 1

    def logo(self, value, line):
        tokens = MD.parseInline(value)
        children = tokens[0].children if tokens else []
        if len(children) != 1 or children[0].type != "image":
            self.problem(line, "the logo is not an image", "write `logo: ![the event's name](logo.png)`")
            return None
        ref = self.reader.image_ref(children[0], line)
        if not ref.alt:
            self.problem(
                line, "the logo has no alt text", "name the event in it: `logo: ![DjangoCon US 2023](logo.png)`"
            )
        return ref

    # Headings: days, talks, lightning talks and body headings -------------------

    def heading(self, tokens, i) -> int:
        open_, inline = tokens[i], tokens[i + 1]
        line, level = line_of(open_), int(open_.tag[1])
        title = plain_text(inline.children, line, "a heading", self.problems).strip()
        meta_start = open_.map[1]
        i += 3
        if level <= 2:
            meta, i = self.metadata(tokens, i, meta_start, DAY_KEYS if level == 1 else TALK_KEYS, title)
            (self.new_day if level == 1 else self.new_talk)(title, meta, line)
            return i
        lightning = LIGHTNING_HEADING.match(title) if level == 3 else None
        if lightning and self.talk:
            meta, i = self.metadata(tokens, i, meta_start, LIGHTNING_KEYS, title)
            if self.talk.kind != TalkKind.LIGHTNING:
                self.problem(
                    line,
                    "a lightning talk in a session that is not of kind lightning",
                    "add `kind: lightning` under the session's ## heading",
                )
            self.lightning = LightningSpec(lightning.group(1).strip(), meta.get("speaker", ("", 0))[0], line=line)
            if not self.lightning.title:
                self.problem(line, "a lightning talk without a title", "write `### Lightning talk: Its title`")
            self.talk.lightning.append(self.lightning)
            return i
        if self.lightning:
            self.problem(
                line,
                "a heading inside a lightning talk's notes",
                "a lightning talk's notes hold paragraphs, quotes, lists, code and images; "
                "start the next one with `### Lightning talk: …`",
            )
            return i
        body_level = level - 1
        if body_level > 4:
            self.problem(
                line, f"a {'#' * level} heading is too deep", "a talk's headings go from ### (h2) to ##### (h4)"
            )
        elif body_level > self.heading_level + 1:
            before = (
                "the talk title (##)"
                if self.heading_level == 1
                else f"the heading before it ({'#' * (self.heading_level + 1)})"
            )
            self.problem(
                line,
                f"the heading “{title}” skips a level after {before}",
                f"make it {'#' * (self.heading_level + 2)}, or add a heading of that level before it",
            )
        self.heading_level = body_level
        self.place(Block("heading", {"level": f"h{min(body_level, 4)}", "text": title}, line))
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
        self.event.days.append(self.day)

    def new_talk(self, title, meta, line):
        self.lightning, self.heading_level = None, 1
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
        notes_keys.read_talk_keys(self, talk, meta)

    def times(self, talk, value, line):
        match = TIMES.match(value)
        try:
            if not match:
                raise ValueError(value)
            talk.start_time = datetime.datetime.strptime(match.group(1), "%H:%M").time()
            talk.end_time = datetime.datetime.strptime(match.group(2), "%H:%M").time() if match.group(2) else None
        except ValueError:
            self.problem(line, f"{value!r} is not a time", "write `time: 10:00` or `time: 10:00–10:45` (24-hour clock)")
            return
        # The page's rule (an end before the start is allowed past midnight, e.g. 23:30–00:30).
        if schedule_time_errors(talk.start_time, talk.end_time):
            self.problem(line, "the talk ends before it starts", "write `time: START–END`")

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
        ev, days = self.event, set()
        for day in ev.days:
            if day.slug in days:
                self.problem(day.line, f"two days have the slug {day.slug!r}", "give one of them `slug: …`")
            days.add(day.slug)
            if day.date and ev.start_date and ev.end_date and not ev.start_date <= day.date <= ev.end_date:
                self.problem(
                    day.line,
                    f"the day “{day.title}” ({day.date}) is outside the event's dates",
                    f"the event runs {ev.start_date} to {ev.end_date}",
                )
            talks = set()
            for talk in day.talks:
                if talk.slug in talks:
                    self.problem(
                        talk.line, f"two talks on this day have the slug {talk.slug!r}", "give one of them `slug: …`"
                    )
                talks.add(talk.slug)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]
