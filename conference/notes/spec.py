"""What a notes file says, independent of Markdown and of the database.

The parser builds these from Markdown, the exporter builds them from pages,
the writer turns them back into Markdown and the importer into pages. Every
part remembers the line it came from, so problems found later (say, by the
editor's block validation) still point at `file:line`.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

# Wagtail's slug field allows 255, but a long talk title makes an unreadable
# address: cut at a word boundary, as the demo's slugs always were.
MAX_DEFAULT_SLUG = 80


def default_slug(title: str) -> str:
    slug = slugify(title)
    if len(slug) > MAX_DEFAULT_SLUG:
        slug = slug[:MAX_DEFAULT_SLUG].rsplit("-", 1)[0]
    return slug


@dataclass
class Problem:
    line: int
    message: str
    hint: str = ""


class NotesError(Exception):
    """One or more problems in a notes file, each with its line and a hint."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = sorted(problems, key=lambda p: p.line)
        super().__init__(str(self))

    def lines(self) -> list[str]:
        out = []
        for p in self.problems:
            out.append(f"{self.source}:{p.line}: {p.message}")
            if p.hint:
                out.append(f"    hint: {p.hint}")
        return out

    def __str__(self):
        return "\n".join(self.lines())


@dataclass
class ImageRef:
    """An image as the notes use it: a file, its alt text or the decorative mark."""

    path: str
    alt: str = ""
    decorative: bool = False
    line: int = 0
    file: Path | None = None  # the file on disk, once found
    sha1: str = ""  # the content hash Wagtail keeps in Image.file_hash
    image: object = None  # the Wagtail Image, when the ref comes from a page


@dataclass
class Block:
    """One body block: `type` is a TalkBodyBlock child name; `value` its data (see parser)."""

    type: str
    value: object
    line: int = 0


@dataclass
class LightningSpec:
    title: str
    speaker: str = ""
    notes: list[Block] = field(default_factory=list)
    line: int = 0


@dataclass
class TalkSpec:
    title: str
    slug: str
    kind: str = "talk"
    speakers: list[str] = field(default_factory=list)
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    room: str = ""
    track: str = ""  # the schedule's keys (conference/schedule/notes_keys.py)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, url)
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    lightning: list[LightningSpec] = field(default_factory=list)
    line: int = 0


@dataclass
class DaySpec:
    title: str
    slug: str
    date: datetime.date | None = None
    intro: str = ""  # rich text HTML
    talks: list[TalkSpec] = field(default_factory=list)
    line: int = 0


@dataclass
class EventSpec:
    title: str
    slug: str
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    location: str = ""
    website: str = ""
    time_zone: str = ""  # `timezone:`; empty is the default time zone
    intro: str = ""  # rich text HTML
    logo: ImageRef | None = None
    days: list[DaySpec] = field(default_factory=list)
    line: int = 1

    def images(self):
        """Every image the notes use, in order (the logo first)."""
        if self.logo:
            yield self.logo
        for day in self.days:
            for talk in day.talks:
                blocks = list(talk.body)
                for lt in talk.lightning:
                    blocks.extend(lt.notes)
                for block in blocks:
                    if block.type == "image":
                        yield block.value["image"]
