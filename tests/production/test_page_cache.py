"""The page cache in front of the middleware, against a Redis server of the test's own.

The site runs in-process with settings.production's middleware order, caches and sessions
(django-redis with IGNORE_EXCEPTIONS, cached_db sessions), so Redis can be stopped and started
by the test without touching the machine's shared Redis.
"""

import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from conference.factories import make_day, make_event, make_talk

from .own_services import OwnRedis

HSTS_SECONDS = 31_536_000
# A stopped Redis refuses at once; an unreachable one costs at most the connect timeout.
CONNECT_TIMEOUT = 0.25


@pytest.fixture(scope="module")
def own_redis(tmp_path_factory):
    redis = OwnRedis(tmp_path_factory.mktemp("redis-log"))
    yield redis
    redis.stop()


def production_middleware():
    security = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    return [
        *settings.MIDDLEWARE[:security],
        "stack.page_cache.PageCacheMiddleware",
        *settings.MIDDLEWARE[security:],
        "stack.middleware.AdminAwareCSPMiddleware",
    ]


@pytest.fixture
def site(own_redis, db):
    """settings.production's page cache, sessions and headers, on the test's own Redis."""
    if own_redis.process is None:
        own_redis.start()
    redis_cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": own_redis.url,
        "KEY_PREFIX": "page-cache-test",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": CONNECT_TIMEOUT, "SOCKET_TIMEOUT": 0.5},
    }
    with override_settings(
        CACHES={"default": redis_cache, "renditions": redis_cache},
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
        MIDDLEWARE=production_middleware(),
        CACHE_MIDDLEWARE_ALIAS="default",
        CACHE_MIDDLEWARE_SECONDS=300,
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
        SECURE_SSL_REDIRECT=True,
        SECURE_HSTS_SECONDS=HSTS_SECONDS,
        CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'self'"]}},
        ADMIN_CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'self'", "'unsafe-inline'"]}},
    ):
        caches["default"].clear()
        yield own_redis


@pytest.fixture
def talk(db):
    day = make_day(make_event())
    return make_talk(day, "Caching in front", summary="A talk about caches.")


def https_get(client, url, **kwargs):
    return client.get(url, headers={"X-Forwarded-Proto": "https"}, **kwargs)


def test_a_cached_page_has_the_status_headers_and_body_it_was_rendered_with(site, client, talk):
    rendered = https_get(client, talk.url)
    cached = https_get(client, talk.url)

    assert "Age" not in rendered and "Age" in cached
    assert cached.status_code == rendered.status_code == 200
    assert cached.content == rendered.content
    assert {k: v for k, v in cached.items() if k != "Age"} == dict(rendered.items())
    assert cached["Strict-Transport-Security"] == f"max-age={HSTS_SECONDS}"
    assert cached["Content-Security-Policy"] == "default-src 'self'"
    assert cached["X-Frame-Options"] == "DENY"


def test_public_pages_may_be_kept_briefly_by_a_cdn_but_not_by_browsers(site, client, talk, settings):
    settings.CDN_CACHE_SECONDS = 90

    headers = https_get(client, talk.url)["Cache-Control"].split(", ")

    assert sorted(headers) == ["max-age=0", "public", "s-maxage=90"]


def test_an_editors_pages_are_private_and_never_cached(site, client, talk, admin_user):
    client.force_login(admin_user)

    first = https_get(client, talk.url)
    second = https_get(client, talk.url)

    assert "Age" not in second
    assert "private" in first["Cache-Control"] and "private" in second["Cache-Control"]
    assert "<wagtail-userbar>" in second.content.decode()


def test_plain_http_is_redirected_even_when_the_page_is_cached(site, client, talk):
    https_get(client, talk.url)

    response = client.get(talk.url)

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_publishing_a_change_is_served_at_once(site, client, talk, django_capture_on_commit_callbacks):
    https_get(client, talk.url)
    assert "Age" in https_get(client, talk.url)

    with django_capture_on_commit_callbacks(execute=True):
        talk.summary = "A talk about invalidation."
        talk.save_revision().publish()

    response = https_get(client, talk.url)
    assert "Age" not in response
    assert "A talk about invalidation." in response.content.decode()


def test_with_redis_stopped_pages_are_served_uncached_and_caching_resumes_when_it_is_back(site, client, talk):
    https_get(client, talk.url)
    site.stop()
    try:
        started = time.monotonic()
        responses = [https_get(client, talk.url) for _ in range(3)]
        elapsed = time.monotonic() - started

        assert [r.status_code for r in responses] == [200, 200, 200]
        assert all("Caching in front" in r.content.decode() and "Age" not in r for r in responses)
        # Refused connections fail at once: no request waits for a timeout.
        assert elapsed < 3 * CONNECT_TIMEOUT + 3
    finally:
        site.start()

    https_get(client, talk.url)
    assert "Age" in https_get(client, talk.url)


def test_an_editor_stays_logged_in_while_redis_is_down(site, client, talk, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/", headers={"X-Forwarded-Proto": "https"}).status_code == 200

    site.stop()
    try:
        response = client.get("/admin/", headers={"X-Forwarded-Proto": "https"})
    finally:
        site.start()

    assert response.status_code == 200
    assert "Dashboard" in response.content.decode()
