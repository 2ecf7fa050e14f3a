"""An import killed halfway leaves no file behind for the next one (issue 11, problem 7).

A real interruption: `import_notes` runs in a subprocess on its own SQLite database and media folder,
and is killed with SIGKILL once it has written its first image, while it is still importing talks.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conference.test_databases import copy_migrated_sqlite_database

BASE_DIR = Path(__file__).resolve().parents[3]


@pytest.fixture
def own_site(tmp_path, notes_dir):
    """A settings module with a database and media folder of its own, migrated (a copy of the
    migrated test database kept between runs, when there is one: migrating takes seconds)."""
    settings = tmp_path / "killsite"
    settings.mkdir()
    (settings / "kill_settings.py").write_text(
        "from settings.test import *  # noqa\n"
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', "
        f"'NAME': {str(tmp_path / 'db.sqlite3')!r}}}}}\n"
        f"MEDIA_ROOT = {str(tmp_path / 'media')!r}\n"
        "NOTES_IMPORT_SECONDS = 600\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kill_settings",
        "PYTHONPATH": os.pathsep.join([str(settings), str(BASE_DIR / "site"), str(BASE_DIR)]),
    }
    if not copy_migrated_sqlite_database(tmp_path / "db.sqlite3"):
        manage(env, "migrate", "--no-input")
    return env, tmp_path / "media"


def manage(env, *args, **kwargs):
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


def with_many_talks(notes: Path, count: int) -> Path:
    """The every-block notes with `count` more talks on their last day: an import that takes a while."""
    talks = "".join(
        f"\n## Extra talk {n}\nsummary: Talk number {n}.\n\nA paragraph for talk {n}.\n" for n in range(count)
    )
    big = notes.with_name("big.md")
    big.write_text(notes.read_text(encoding="utf-8") + talks, encoding="utf-8")
    return big


def test_a_killed_import_leaves_no_image_behind_for_the_next_import(own_site, every_block):
    env, media = own_site
    originals = media / "original_images"
    big = with_many_talks(every_block, 400)
    process = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "import_notes", str(big), "--publish"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while not (originals.exists() and any(originals.iterdir())):
        assert process.poll() is None, process.stdout.read().decode()
        assert time.monotonic() < deadline, "the import wrote no image within 120 s"
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    left = sorted(p.name for p in originals.iterdir())
    assert left, "the killed import should have left its first image behind"
    journals = list((media / "notes-imports" / "journal").iterdir())
    assert journals, "the import should have journaled the file before writing it"
    # Time passes: more than twice the time budget, so no import can still be running.
    an_hour_ago = time.time() - 3600
    for journal in journals:
        os.utime(journal, (an_hour_ago, an_hour_ago))

    result = manage(env, "import_notes", str(every_block), "--publish")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 created" in result.stdout
    assert sorted(p.name for p in originals.iterdir()) == ["chart.png", "divider.png", "logo.png"]
    assert not list((media / "notes-imports" / "journal").iterdir())
