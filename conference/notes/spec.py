"""What a notes file says, independent of Markdown and of the database.

The parser builds these from Markdown, the exporter builds them from pages,
the writer turns them back into Markdown and the importer into pages. Every
part remembers the line it came from, so problems found later (say, by the
editor's block validation) still point at `file:line`.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

# Wagtail's slug field allows 255, but a long talk title makes an unreadable
# address: cut at a word boundary, as the demo's slugs always were.
MAX_DEFAULT_SLUG = 80
ID_NAMESPACE = uuid.UUID("7d1f3c2a-5b8e-4f61-9a0d-2c4b6e8f1a3d")


def block_id(*parts) -> str:
    """Stable block ids from the block's place, so re-imports keep anchors (`#q-<id>`)."""
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts)))


def default_slug(title: str) -> str:
    slug = slugify(title)
    if len(slug) > MAX_DEFAULT_SLUG:
        slug = slug[:MAX_DEFAULT_SLUG].rsplit("-", 1)[0]
    return slug


@dataclass
class Problem:
    """An error, or with `warning` something the import changed or dropped (imported all the same)."""

    line: int
    message: str
    hint: str = ""
    warning: bool = False

    def as_error(self) -> "Problem":
        return Problem(self.line, self.message, self.hint)


def problem_lines(source: str, problems) -> list[str]:
    """`file:line: message` (or `file:line: warning: message`) and hint lines, in line order."""
    out = []
    for p in sorted(problems, key=lambda p: p.line):
        out.append(f"{source}:{p.line}: {'warning: ' if p.warning else ''}{p.message}")
        if p.hint:
            out.append(f"    hint: {p.hint}")
    return out


class NotesError(Exception):
    """One or more problems in a notes file, each with its line and a hint."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = sorted(problems, key=lambda p: p.line)
        super().__init__(str(self))

    def lines(self) -> list[str]:
        return problem_lines(self.source, self.problems)

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
    language: str = ""  # `language:`; empty is the event's
    track: str = ""  # the schedule's keys (conference/schedule/notes_keys.py)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, url)
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    lightning: list[LightningSpec] = field(default_factory=list)
    line: int = 0
    field_lines: dict[str, int] = field(default_factory=dict)  # page field -> the line that sets it


@dataclass
class DaySpec:
    title: str
    slug: str
    date: datetime.date | None = None
    intro: str = ""  # rich text HTML
    talks: list[TalkSpec] = field(default_factory=list)
    line: int = 0
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class EventSpec:
    title: str
    slug: str
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    location: str = ""
    website: str = ""
    time_zone: str = ""  # `timezone:`; empty is the default time zone
    language: str = ""  # `language:`; empty is the default language
    intro: str = ""  # rich text HTML
    logo: ImageRef | None = None
    days: list[DaySpec] = field(default_factory=list)
    line: int = 1
    field_lines: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # what the import changes or drops

    def images(self):
        """Every image the notes use, in order (the logo first)."""
        if self.logo:
            yield self.logo
        for day in self.days:
            for talk in day.talks:
                blocks = list(talk.body)
                for lt in talk.lightning:
                    blocks.extend(lt.notes)
                for block in walk_blocks(blocks):
                    if block.type == "image":
                        yield block.value["image"]


def walk_blocks(blocks):
    """Every block, those under list items included, in reading order."""
    for block in blocks:
        yield block
        if block.type == "list":
            for item in block.value["items"]:
                yield from walk_blocks(item["blocks"])
