"""`manage.py export_archive` on a small event: its summary, --base-url, and all or nothing."""

import re
from io import StringIO
from pathlib import Path

import pagefind_bin
import pytest
from django.core.management import CommandError, call_command

from conference.factories import make_day, make_event, make_speaker, make_talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = make_event("Small Conference", slug="small")
    day = make_day(event, slug="day-1")
    make_talk(day, "First talk", slug="first", speakers=[make_speaker("Ann Example", slug="ann")], tags=["orm"])
    make_talk(day, "Second talk", slug="second")
    return event


def test_it_ends_with_a_summary_and_shows_no_progress_bar_when_not_on_a_terminal(event, tmp_path):
    out = StringIO()

    call_command("export_archive", "small", "-o", str(tmp_path / "small"), stdout=out)

    assert "\r" not in out.getvalue()
    assert re.fullmatch(
        rf"Archive of Small Conference written to {tmp_path / 'small'}: \d+ pages, \d+ files, [\d,]+ bytes\.\n",
        out.getvalue(),
    )
    assert (tmp_path / "small" / "small" / "day-1" / "first" / "index.html").exists()


def test_with_a_base_url_calendars_and_schedule_files_link_into_the_archive(event, tmp_path):
    call_command("export_archive", "small", "-o", str(tmp_path / "a"), "--base-url", "https://old.example.org/small")

    folder = tmp_path / "a"
    calendar = (folder / "small" / "day-1" / "first" / "calendar.ics").read_text()
    assert "https://old.example.org/small/small/day-1/first/" in calendar.replace("\r\n ", "")
    page = (folder / "small" / "day-1" / "first" / "index.html").read_text()
    assert 'href="https://old.example.org/small/speakers/ann/"' in page
    leaks = [p.name for p in folder.rglob("*") if p.is_file() and b"//localhost" in p.read_bytes()]
    assert leaks == []


def test_a_failed_export_leaves_the_previous_archive_as_it_was(event, tmp_path, monkeypatch):
    out = tmp_path / "small"
    call_command("export_archive", "small", "-o", str(out))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # Pagefind fails (here: a binary that exits with an error) after every page was written.
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: Path("/bin/false"))

    with pytest.raises(CommandError, match="Pagefind could not index the archive"):
        call_command("export_archive", "small", "-o", str(out))
    with pytest.raises(CommandError, match="Pagefind could not index the archive"):
        call_command("export_archive", "small", "-o", str(out), "--zip")

    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not (tmp_path / "small.zip").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small"]  # and no temporary folder left


class Terminal(StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_it_draws_a_progress_bar_then_the_summary(event, tmp_path):
    out = Terminal()

    call_command("export_archive", "small", "-o", str(tmp_path / "small"), stdout=out)

    frames = out.getvalue().split("\r")
    assert re.fullmatch(r"\[[#.]{30}\] \d+/\d+ pages and files", frames[1])
    last, summary = frames[-1].split("\n", 1)
    done, known = map(int, re.search(r"(\d+)/(\d+)", last).groups())
    assert done == known and last.startswith("[" + "#" * 30 + "]")
    assert summary.startswith("Archive of Small Conference written to")
