"""Fixtures for the notes tests: a notes folder with the every-block fixture and its images."""

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

FIXTURES = Path(__file__).parent / "fixtures"

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def draw_png(path: Path, size=(120, 60), colour=(11, 87, 164), label=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, size[0] - 4, size[1] - 4), outline=colour, width=3)
    if label:
        draw.text((10, 10), label, fill=colour)
    image.save(path, format="PNG")
    return path


@pytest.fixture
def notes_dir(tmp_path):
    """A folder holding every-block.md and the three images it names."""
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(FIXTURES / "every-block.md", folder / "every-block.md")
    draw_png(folder / "images" / "logo.png", label="logo")
    draw_png(folder / "images" / "chart.png", colour=(200, 30, 30), label="chart")
    draw_png(folder / "images" / "divider.png", size=(300, 10))
    return folder


@pytest.fixture
def every_block(notes_dir):
    return notes_dir / "every-block.md"


def write_notes_file(folder: Path, text: str, name="notes.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
