"""The data migration to rich list items, quotes and cells, both ways, on the demo.

fixtures/demo-bodies-0002.json is every demo talk's body and lightning notes
as the import wrote them before the migration (block format of 0002),
captured from `load_demo` at that commit.
"""

import importlib
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conference.models import TalkPage

MIGRATION = "0005_rich_list_items_quotes_and_table_cells"
# The migration before it (the blocks are still in the format of 0002 there).
BEFORE = ("conference", "0004_schedule_time_zone_tracks_guids_links")
OLD_BODIES = json.loads((Path(__file__).parent / "fixtures" / "demo-bodies-0002.json").read_text(encoding="utf-8"))
migration = importlib.import_module(f"conference.migrations.{MIGRATION}")


def meaning(raw):
    """Raw stream data without what differs between databases: block ids, image and speaker keys."""
    if isinstance(raw, list):
        return [meaning(x) for x in raw]
    if isinstance(raw, dict):
        out = {}
        for key, value in raw.items():
            if key == "id":
                continue
            if key == "speaker" and not isinstance(value, dict):
                value = bool(value)
            elif key == "image" and isinstance(value, int):
                value = "an image"
            out[key] = meaning(value)
        return out
    return raw


def demo_bodies():
    return {
        talk.slug: {
            "body": list(talk.body.raw_data),
            "lightning": [list(lt.notes.raw_data) for lt in talk.lightning_talks.all()],
        }
        for talk in TalkPage.objects.order_by("path")
    }


def convert(bodies, forward):
    return {
        slug: {
            "body": migration.convert_stream(value["body"], forward),
            "lightning": [migration.convert_stream(notes, forward) for notes in value["lightning"]],
        }
        for slug, value in bodies.items()
    }


def test_backward_undoes_forward_exactly_on_the_demo():
    assert convert(convert(OLD_BODIES, True), False) == OLD_BODIES


@pytest.mark.django_db
def test_forward_gives_what_the_new_import_writes_for_the_same_notes():
    call_command("load_demo", stdout=StringIO())

    new = demo_bodies()

    assert sorted(new) == sorted(OLD_BODIES)
    assert meaning(convert(OLD_BODIES, True)) == meaning(new)
    # and the demo really has what the migration converts: lists, sub-lists, quotes and tables
    kinds = {block["type"] for value in new.values() for block in value["body"]}
    assert {"list", "quote", "table"} <= kinds


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_runs_both_ways_on_the_loaded_demo_and_load_demo_then_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    new = demo_bodies()
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])
        # Back at 0004 (read through the historical models' raw JSON), the bodies are the old ones.
        with connection.cursor() as cursor:
            cursor.execute("SELECT body FROM conference_talkpage ORDER BY page_ptr_id")
            # A JSON column on PostgreSQL (decoded by the driver), text on SQLite.
            old_rows = [row[0] if isinstance(row[0], list) else json.loads(row[0]) for row in cursor.fetchall()]
        assert sorted(map(_key, meaning(old_rows))) == sorted(
            map(_key, meaning([v["body"] for v in OLD_BODIES.values()]))
        )
    finally:
        # Forward to the latest migration, not just this one: later ones (0006, the languages) follow it.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("conference"))

    assert meaning(demo_bodies()) == meaning(new)
    assert "0 created, 0 updated, 33 unchanged" in _load_demo()


def _key(raw) -> str:
    return json.dumps(raw, sort_keys=True)  # PostgreSQL's jsonb does not keep the keys' order


def _load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()
