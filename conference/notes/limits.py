"""How big a notes file may be and how long an import may take, the same on the command line and in the admin.

Both are settings (`NOTES_MAX_BYTES`, `NOTES_IMPORT_SECONDS`) so a site with bigger events can raise them;
the defaults keep one import from holding a web worker, or the database's write lock, for minutes: a 2 MB
file is about 2,000 talks of notes, and the 1,000-talk benchmark imports in about 35 s.
"""

import time

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from .spec import NotesError, Problem

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_SECONDS = 120


def max_bytes() -> int:
    return getattr(settings, "NOTES_MAX_BYTES", DEFAULT_MAX_BYTES)


def time_budget() -> float:
    return getattr(settings, "NOTES_IMPORT_SECONDS", DEFAULT_SECONDS)


def too_big_message(size: int) -> str:
    return (
        f"the notes file is {filesizeformat(size)}, over the limit of {filesizeformat(max_bytes())} "
        "(NOTES_MAX_BYTES): is it the right file? Otherwise split it, one event per file"
    )


def check_size(source: str, size: int):
    if size > max_bytes():
        raise NotesError(source, [Problem(0, too_big_message(size), "split the notes into smaller files")])


class Deadline:
    """The import's time budget, checked between pages (one page never takes long)."""

    def __init__(self, seconds: float | None = None):
        self.seconds = time_budget() if seconds is None else seconds
        self.ends = time.monotonic() + self.seconds

    def check(self, source: str, line: int):
        if time.monotonic() > self.ends:
            problem = Problem(
                line,
                f"the import took longer than its time budget of {self.seconds:g} s (NOTES_IMPORT_SECONDS) "
                "and stopped here; nothing was written",
                "split the notes into smaller files, or raise NOTES_IMPORT_SECONDS",
            )
            raise NotesError(source, [problem])
