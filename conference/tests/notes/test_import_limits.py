"""The command-line import has a size limit and a time budget, and a database failure says nothing was written
(issue 11, problems 7 and 8)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection

from conference.models import EventPage, Speaker

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_notes", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_notes_file_over_the_size_limit_is_refused_before_it_is_read(every_block, settings):
    settings.NOTES_MAX_BYTES = 1000

    with pytest.raises(CommandError) as refused:
        run(every_block, "--dry-run")

    message = str(refused.value)
    assert "the notes file is 2.1\xa0KB, over the limit of 1000\xa0bytes (NOTES_MAX_BYTES)" in message
    assert "Nothing was written." in message


def test_an_import_over_its_time_budget_stops_and_writes_nothing(every_block, settings):
    settings.NOTES_IMPORT_SECONDS = 0

    with pytest.raises(CommandError) as stopped:
        run(every_block, "--publish")

    assert "took longer than its time budget of 0 s (NOTES_IMPORT_SECONDS)" in str(stopped.value)
    assert not EventPage.objects.exists() and not Speaker.objects.exists()
    assert media_files(settings) == []


def test_a_database_failure_during_an_import_says_nothing_was_written(every_block, settings):
    seen = {"pages": 0}

    def lose_the_connection(execute, sql, params, many, context):
        # The third page insert fails as a dropped connection would, after images were written.
        if sql.startswith('INSERT INTO "wagtailcore_page"'):
            seen["pages"] += 1
            if seen["pages"] == 3:
                raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(lose_the_connection), pytest.raises(CommandError) as failed:
        run(every_block, "--publish")

    message = str(failed.value)
    assert "the database failed during the import (OperationalError: server closed the connection unexpectedly)" in (
        message
    )
    assert "nothing was written" in message and "run the import again once the database is back" in message
    assert "Traceback" not in message
    assert not EventPage.objects.exists()
    assert media_files(settings) == []
