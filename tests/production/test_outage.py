"""While the database is unavailable: the last copy of a cached page, else 503 with Retry-After.

A gunicorn server with settings.production runs on a PostgreSQL cluster and a Redis of this
test's own (initdb and redis-server on free ports), which the test stops and starts: the
machine's shared services are never touched.
"""

import time

import pytest

from .own_services import OwnPostgres, OwnRedis
from .services import SiteClient
from .stack import ProductionStack

FRESH_SECONDS = 1


@pytest.fixture(scope="module")
def outage_stack(production_stack, moto_s3, service_logs, tmp_path_factory):
    """A stack of its own, restored from the production stack's backup of its freshly set-up
    database (migrating and loading the demo again would only repeat what that stack checks),
    with one server of one worker: the test talks to one, a request at a time."""
    postgres = OwnPostgres()
    redis = OwnRedis(service_logs)
    try:
        stack = ProductionStack(
            moto_s3,
            service_logs,
            production_stack.static_root if production_stack.backup else tmp_path_factory.mktemp("static"),
            postgres_url=postgres.url,
            redis=redis,
            extra_env={"PAGE_CACHE_SECONDS": str(FRESH_SECONDS)},
            # Set up afresh where the production stack could not be backed up (no pg_dump for its server).
            from_copy_of=production_stack if production_stack.backup else None,
            server_count=1,
            workers=1,
        )
        stack.postgres = postgres
        yield stack
        if not _is_up(postgres):  # a failed test may have left it stopped
            postgres.start()
        stack.stop()
    finally:
        redis.stop()
        postgres.remove()


def _is_up(postgres) -> bool:
    import psycopg

    try:
        psycopg.connect(postgres.url, connect_timeout=2).close()
        return True
    except psycopg.OperationalError:
        return False


def past_freshness(visitor, url, fresh):
    """The first answer for `url` that is not the page cache's fresh copy (served as `fresh` was stored)."""
    deadline = time.monotonic() + FRESH_SECONDS + 10
    while True:
        response = visitor.get(url)
        if response.headers.get("Cache-Control") != fresh.headers["Cache-Control"] or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def talk_urls(stack, count):
    rows = stack.query(
        "SELECT p.url_path FROM wagtailcore_page p JOIN conference_talkpage t ON t.page_ptr_id = p.id "
        "WHERE p.live ORDER BY p.path LIMIT %s",
        count,
    )
    return ["/" + url_path.split("/", 2)[2] for (url_path,) in rows]


def test_a_database_outage_serves_cached_pages_and_503_for_the_rest(outage_stack):
    visitor = SiteClient(outage_stack.urls[0])
    editor = SiteClient(outage_stack.urls[0])
    editor.log_in(outage_stack.ADMIN_USER, outage_stack.ADMIN_PASSWORD)
    cached_url, uncached_url = talk_urls(outage_stack, 2)
    fresh = visitor.get(cached_url)
    assert fresh.status_code == 200

    outage_stack.postgres.stop()
    try:
        # Until the copy is past its freshness (FRESH_SECONDS after `fresh`), the cache answers
        # with it as usual; from then on only the outage handling can serve it.
        stale = past_freshness(visitor, cached_url, fresh)
        missing = visitor.get(uncached_url)
        admin = editor.get("/admin/")
        ready = visitor.get("/readyz")
        alive = visitor.get("/healthz")
    finally:
        outage_stack.postgres.start()

    assert stale.status_code == 200 and stale.text == fresh.text
    assert stale.headers["Cache-Control"] == "no-cache"
    for response in (missing, admin):
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "30"
        assert "Back in a moment" in response.text
    assert (ready.status_code, ready.json()) == (503, {"database": "unavailable", "storage": "ok"})
    assert alive.status_code == 200

    # Back: the server reconnects by itself.
    assert visitor.get(uncached_url).status_code == 200
    assert visitor.get("/readyz").status_code == 200
    assert editor.get("/admin/").status_code == 200
