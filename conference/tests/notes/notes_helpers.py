"""Helpers for the notes tests (imported by name: this folder is on the path while they run)."""

import textwrap
from pathlib import Path

from PIL import Image, ImageDraw

# The head of a notes file with one day and one talk, whose body starts at line 11.
HEAD = """\
---
name: Test Con
dates: 2024-05-15 to 2024-05-17
location: Somewhere
---

# Day 1
date: 2024-05-15

## A talk
"""


def parse(body: str, head: str = HEAD, find_image=None, strict=False):
    """Parse HEAD followed by a dedented body as notes.md (image files are not looked for)."""
    from conference.notes.parser import parse_notes

    return parse_notes(head + textwrap.dedent(body), "notes.md", find_image or (lambda path: None), strict=strict)


def draw_png(path: Path, size=(120, 60), colour=(11, 87, 164), label=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, size[0] - 4, size[1] - 4), outline=colour, width=3)
    if label:
        draw.text((10, 10), label, fill=colour)
    image.save(path, format="PNG")
    return path


def write_notes_file(folder: Path, text: str, name="notes.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
