"""settings.production: read from the environment only, failing fast, and clean under `check --deploy`."""

import json
import subprocess

import pytest
from wagtail.images import get_image_model

from conference.factories import png_bytes

from .services import BASE_DIR, PYTHON
from .test_s3_media import add_image

BASE_ENV = {
    "DJANGO_SETTINGS_MODULE": "settings.production",
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-and-random-enough-0123456789",
    "ALLOWED_HOSTS": "notes.example.org, www.notes.example.org",
    "WAGTAILADMIN_BASE_URL": "https://notes.example.org/",
    "DATABASE_URL": "postgres://notes:secret@db.internal:5432/notes",
    "AWS_STORAGE_BUCKET_NAME": "notes-media",
    "AWS_S3_REGION_NAME": "eu-west-1",
    "ACCESSIBILITY_CONTACT_EMAIL": "accessibility@notes.example.org",
}

# Only the settings module is imported: each value read here is set there, from the environment
# (`check --deploy` below starts Django whole; here that would only multiply its start-up time).
SHOW_SETTINGS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "WAGTAILADMIN_BASE_URL": settings.WAGTAILADMIN_BASE_URL,
    "db": {k: db[k] for k in ("ENGINE", "NAME", "HOST", "USER", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS")},
    "media": settings.STORAGES["default"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "caches": {alias: c["BACKEND"] for alias, c in settings.CACHES.items()},
    "SESSION_ENGINE": settings.SESSION_ENGINE,
    "MIDDLEWARE": settings.MIDDLEWARE,
    "MAX_UPLOAD": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
    "MAX_PIXELS": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "frame_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"],
    "peertube": settings.CONFERENCE_PEERTUBE_HOSTS,
    "cache_options": settings.CACHES["default"].get("OPTIONS", {}),
    "frontend_cache": settings.WAGTAILFRONTENDCACHE,
    "CDN_CACHE_SECONDS": settings.CDN_CACHE_SECONDS,
}))
"""


def run(args, **env):
    """Run a Python command in site/ with only these variables (plus PATH), like a fresh server."""
    import os

    environment = {"PATH": os.environ["PATH"], **BASE_ENV, **env}
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(
        [PYTHON, *args], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120, check=False
    )


def production_settings(**env) -> dict:
    result = run(["-c", "import sys; sys.path.insert(0, 'site')\n" + SHOW_SETTINGS], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "AWS_STORAGE_BUCKET_NAME", "WAGTAILADMIN_BASE_URL"]
)
def test_a_missing_required_variable_stops_with_a_clear_message(missing):
    result = run(["manage.py", "check"], **{missing: None})

    assert result.returncode != 0
    assert (
        f"The environment variable {missing} is required by settings.production (see README.md, 'Deploying')."
        in result.stderr
    )


def test_only_postgresql_is_accepted():
    result = run(["manage.py", "check"], DATABASE_URL="sqlite:///db.sqlite3")

    assert result.returncode != 0
    assert "DATABASE_URL must be a PostgreSQL URL" in result.stderr


def test_check_deploy_reports_nothing():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_the_environment_configures_database_media_and_limits():
    configured = production_settings(
        MAX_UPLOAD_MB="4", MAX_IMAGE_PIXELS="1000000", DATABASE_STATEMENT_TIMEOUT_MS="5000"
    )

    assert configured["ALLOWED_HOSTS"] == ["notes.example.org", "www.notes.example.org"]
    assert configured["WAGTAILADMIN_BASE_URL"] == "https://notes.example.org"
    assert configured["db"] == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "notes",
        "HOST": "db.internal",
        "USER": "notes",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"options": "-c statement_timeout=5000"},
    }
    media = configured["media"]
    assert media["BACKEND"] == "stack.storage.MediaStorage"
    assert media["OPTIONS"]["bucket_name"] == "notes-media"
    assert media["OPTIONS"]["file_overwrite"] is False
    assert media["OPTIONS"]["default_acl"] is None and media["OPTIONS"]["querystring_auth"] is True
    assert configured["img_src"] == [
        "'self'",
        "data:",
        "https://notes-media.s3.eu-west-1.amazonaws.com",
        "https://s3.eu-west-1.amazonaws.com",
    ]
    assert configured["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert configured["MAX_UPLOAD"] == 4 * 1024 * 1024
    assert configured["MAX_PIXELS"] == 1_000_000
    middleware = configured["MIDDLEWARE"]
    assert middleware[:3] == [
        "stack.health.HealthCheckMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert "stack.middleware.AdminAwareCSPMiddleware" in middleware
    assert "stack.middleware.StorageErrorMiddleware" in middleware
    # Without Redis: no shared cache, so no page cache and database sessions.
    assert configured["caches"] == {"default": "django.core.cache.backends.locmem.LocMemCache"}
    assert configured["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert not [m for m in middleware if "page_cache" in m]


def test_redis_url_switches_on_the_shared_cache_sessions_and_page_cache():
    configured = production_settings(REDIS_URL="redis://cache.internal:6379/1")

    assert set(configured["caches"].values()) == {"django_redis.cache.RedisCache"}
    # A Redis that is down or unreachable makes cache calls misses, after a short timeout.
    assert configured["cache_options"] == {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 0.25,
        "SOCKET_TIMEOUT": 0.5,
    }
    assert configured["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    # Cached pages are answered before any middleware but the health checks does work.
    assert configured["MIDDLEWARE"][:3] == [
        "stack.health.HealthCheckMiddleware",
        "stack.page_cache.PageCacheMiddleware",
        "django.middleware.security.SecurityMiddleware",
    ]


def test_cdn_purging_is_configured_by_environment_variables():
    assert production_settings()["frontend_cache"] == {}

    configured = production_settings(
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
        CLOUDFLARE_ZONE_ID="zone-1",
        CLOUDFLARE_BEARER_TOKEN="token-1",
        CDN_CACHE_SECONDS="120",
    )

    assert configured["frontend_cache"] == {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://varnish.internal:6081",
        },
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone-1",
            "BEARER_TOKEN": "token-1",
        },
    }
    assert configured["CDN_CACHE_SECONDS"] == 120


def test_a_cloudflare_zone_without_its_token_stops_with_a_clear_message():
    result = run(["manage.py", "check"], CLOUDFLARE_ZONE_ID="zone-1")

    assert result.returncode != 0
    assert "The environment variable CLOUDFLARE_BEARER_TOKEN is required" in result.stderr


def test_a_cdn_domain_serves_media_unsigned():
    configured = production_settings(AWS_S3_CUSTOM_DOMAIN="media.notes.example.org")

    assert configured["media"]["OPTIONS"]["querystring_auth"] is False
    assert configured["img_src"][-1] == "https://media.notes.example.org"


def test_the_database_connection_is_psycopg_3_with_a_statement_timeout(production_stack):
    # Printed by the stack's setup, a `manage.py` process with the servers' settings and database.
    output = production_stack.database_connection

    assert output.split() == ["psycopg", "postgresql", "30s"]


@pytest.mark.django_db
def test_the_image_pixel_limit_refuses_an_oversized_upload(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100

    response = add_image(admin_client, "Too big", "too-big.png", png_bytes(200, 100))

    assert response.status_code == 200
    assert "This file has too many pixels (20000). Maximum pixels 10000." in response.content.decode()
    assert not get_image_model().objects.filter(title="Too big").exists()


def test_frames_are_allowed_only_from_the_recording_players_and_the_configured_peertube_hosts():
    from conference.recordings import frame_origins

    assert production_settings()["frame_src"] == ["'self'", *frame_origins()]
    configured = production_settings(CONFERENCE_PEERTUBE_HOSTS="tube.example.org, Video.Example.com")
    assert configured["peertube"] == ["tube.example.org", "video.example.com"]
    assert configured["frame_src"] == ["'self'", *frame_origins(["tube.example.org", "video.example.com"])]


def test_a_peertube_host_given_as_an_address_stops_with_a_clear_message():
    result = run(["manage.py", "check"], CONFERENCE_PEERTUBE_HOSTS="https://tube.example.org/")

    assert result.returncode != 0
    assert "CONFERENCE_PEERTUBE_HOSTS lists 'https://tube.example.org/': give host names only" in result.stderr
