"""A migrated test database, kept between runs and copied instead of migrating again.

Each test process migrates its test database: some 200 migrations, about 9 s alone and twice that
with two processes migrating at once. The migrated database is the same for as long as the
migrations are, so the first process to migrate keeps a copy, named by a hash of every migration
file, and the others (in this run and later ones) copy it instead of migrating:
- an in-memory SQLite database: a file in .local/test-databases/ (`make clean-db` removes it);
- PostgreSQL: a database `cn_migrated_tests_<hash>` on the same server, which a test database is
  created from (CREATE DATABASE ... TEMPLATE).
While one process migrates, the others wait for its copy (a file lock for SQLite, an advisory lock
on PostgreSQL). Making a new copy drops the older ones; a changed migration is migrated afresh, and
kept again. The root conftest.py installs this (`keep_migrated_test_databases`).
"""

import fcntl
from pathlib import Path

MIGRATED_DATABASES = Path(__file__).resolve().parent.parent / ".local" / "test-databases"


def _migrations_key():
    """A hash of every migration file of every installed app, and the Django version; None when
    an app with models has no migrations (migrate would create its tables from the models)."""
    import hashlib
    import sys

    import django
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    if any(app.label not in loader.migrated_apps and list(app.get_models()) for app in apps.get_app_configs()):
        return None
    digest = hashlib.sha256(django.get_version().encode())
    for key, migration in sorted(loader.disk_migrations.items()):
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[migration.__module__].__file__).read_bytes())
    return digest.hexdigest()[:24]


def kept_sqlite_database(key=None) -> Path | None:
    """The kept SQLite copy for the current migrations (whether it exists yet or not); None when
    the migrations cannot name one."""
    key = key or _migrations_key()
    return MIGRATED_DATABASES / f"{key}.sqlite3" if key else None


def keep_migrated_test_databases():
    """Make Django's test database creation copy a kept migrated database (in-memory SQLite,
    PostgreSQL) instead of migrating, or keep a copy after migrating."""
    from django.db.backends.postgresql.creation import DatabaseCreation as PostgresCreation
    from django.db.backends.sqlite3.creation import DatabaseCreation as SQLiteCreation

    create_sqlite = SQLiteCreation.create_test_db

    def create_or_copy(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        name = self._get_test_db_name()
        key = self.is_in_memory_db(name) and _migrations_key()
        if not key:
            return create_sqlite(self, verbosity, autoclobber, serialize, keepdb)
        kept = kept_sqlite_database(key)
        MIGRATED_DATABASES.mkdir(parents=True, exist_ok=True)
        with open(MIGRATED_DATABASES / "lock", "w") as turn:
            fcntl.flock(turn, fcntl.LOCK_EX)  # released when the file closes, even if the process dies
            if not kept.exists():
                name = create_sqlite(self, verbosity, autoclobber, serialize, keepdb)
                _keep(self.connection, kept)
                self.connection.test_database_origin = ("migrated and kept", str(kept))
                return name
        self.connection.test_database_origin = ("copied", str(kept))
        return _copy_kept(self, kept, name, serialize)

    SQLiteCreation.create_test_db = create_or_copy

    create_postgres = PostgresCreation.create_test_db

    def create_or_clone(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        key = _migrations_key()
        name = self._get_test_db_name()
        if not key or self.connection.settings_dict["TEST"].get("TEMPLATE"):
            return create_postgres(self, verbosity, autoclobber, serialize, keepdb)
        template = f"{POSTGRES_TEMPLATE_PREFIX}{key}"
        with self.connection._nodb_cursor() as turn:
            # Released when this connection closes, even if the process dies.
            turn.execute("SELECT pg_advisory_lock(%s)", [POSTGRES_LOCK])
            with self.connection._nodb_cursor() as cursor:
                reuse = keepdb and self._database_exists(cursor, name)  # --reuse-db: Django migrates what is new
                kept = self._database_exists(cursor, template)
            if reuse or not kept:
                name = create_postgres(self, verbosity, autoclobber, serialize, keepdb)
                if reuse:  # not kept: a reused database holds what its last run left
                    self.connection.test_database_origin = ("reused", name)
                else:
                    _keep_postgres(self, name, template)
                    self.connection.test_database_origin = ("migrated and kept", template)
                return name
            self.connection.test_database_origin = ("copied", template)
            return _clone_kept(self, template, name, serialize)

    PostgresCreation.create_test_db = create_or_clone


# `cn_migrated_tests_<hash of the migrations>`, and the advisory lock the test processes take turns
# under while one of them makes it (any number; this one is "cn-tests" in ASCII).
POSTGRES_TEMPLATE_PREFIX = "cn_migrated_tests_"
POSTGRES_LOCK = 0x636E2D7465737473


def _keep_postgres(creation, name, template):
    """Copy the freshly migrated test database `name` to `template`, and drop older templates."""
    connection = creation.connection
    quote = connection.ops.quote_name
    connection.close()  # no session may be connected to the database being copied
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
        cursor.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
            [POSTGRES_TEMPLATE_PREFIX, template],
        )
        for (old,) in cursor.fetchall():
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")


def _clone_kept(creation, template, name, serialize):
    """What Django's create_test_db does, with the test database created from the kept template
    instead of migrated (an old test database of the same name is replaced, as --create-db does)."""
    connection = creation.connection
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
    _use_test_database(connection, name)
    return _finish_creation(creation, name, serialize)


def copy_migrated_sqlite_database(path) -> bool:
    """Write the kept migrated database (if a run has kept one for these migrations) to the SQLite
    file `path`, for a process of its own (e.g. a killed import); False when there is none to copy,
    and the caller migrates."""
    import sqlite3

    kept = kept_sqlite_database()
    if not kept or not kept.exists():
        return False
    source, target = sqlite3.connect(kept), sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return True


def _keep(connection, kept):
    import sqlite3
    import tempfile

    kept.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=kept.parent, suffix=".part", delete=False) as part:
        pass
    target = sqlite3.connect(part.name)
    try:
        connection.ensure_connection()
        connection.connection.backup(target)
    finally:
        target.close()
    Path(part.name).replace(kept)  # whole or not at all, whichever process gets there first
    for old in kept.parent.glob("*.sqlite3"):
        if old != kept:
            old.unlink(missing_ok=True)


def _copy_kept(creation, kept, name, serialize):
    """What Django's create_test_db does, with the kept database copied in instead of migrated."""
    import sqlite3

    connection = creation.connection
    _use_test_database(connection, name)
    connection.ensure_connection()
    source = sqlite3.connect(kept)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    return _finish_creation(creation, name, serialize)


def _use_test_database(connection, name):
    """Point the connection (and settings) at the test database `name`, as create_test_db does."""
    from django.conf import settings

    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _finish_creation(creation, name, serialize):
    """The end of Django's create_test_db, once the database holds the migrated tables."""
    from django.core.management import call_command

    if serialize:
        creation.connection._test_serialized_contents = creation.serialize_db_to_string()
    call_command("createcachetable", database=creation.connection.alias)
    return name
