"""Each test process's database is a copy of one migrated once (`keep_migrated_test_databases` in
conference/test_databases.py): a file for an in-memory SQLite database, a template database on PostgreSQL."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page, Site

from conference.test_databases import (
    MIGRATED_DATABASES,
    POSTGRES_TEMPLATE_PREFIX,
    _migrations_key,
    kept_sqlite_database,
)


def test_the_test_database_is_migrated_once_and_kept_or_copied_from_the_kept_one(db):
    key = _migrations_key()
    how, kept = connection.test_database_origin

    assert how in ("copied", "migrated and kept", "reused")
    if how == "reused":  # PostgreSQL with --reuse-db: an earlier run's test database, migrated to date
        assert kept == connection.settings_dict["NAME"]
    elif connection.vendor == "postgresql":
        assert kept == f"{POSTGRES_TEMPLATE_PREFIX}{key}"
        with connection.cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [POSTGRES_TEMPLATE_PREFIX])
            assert [name for (name,) in cursor.fetchall()] == [kept]  # older ones were dropped
    else:
        assert kept == str(kept_sqlite_database(key))
        assert sorted(MIGRATED_DATABASES.glob("*.sqlite3")) == [kept_sqlite_database(key)]
    # Whichever it was, the database is the migrated one: nothing left to apply, and what the
    # migrations create (Wagtail's root and the site's home page) is there.
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"
    assert Page.objects.filter(depth=1).count() == 1
