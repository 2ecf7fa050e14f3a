"""Fixtures for the notes tests: a notes folder with the every-block fixture and its images."""

import os
import shutil
from pathlib import Path

import pytest

from conference.tests.notes.notes_helpers import draw_png

FIXTURES = Path(__file__).parent / "fixtures"

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
