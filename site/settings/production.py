"""Production: configured only from environment variables, failing fast.

Every variable read here is listed in README.md ("Deploying"). Required ones stop the process
with a clear message when missing; optional services (Redis) switch on only when set.
"""

import os
import re
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403


def _require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required by settings.production (see README.md, 'Deploying')."
        )
    return value


def _optional(name: str) -> str | None:
    return os.environ.get(name, "").strip() or None


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"The environment variable {name} must be true or false, not {value!r}.")


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"The environment variable {name} must be a whole number, not {value!r}.") from None


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


DEBUG = False
SECRET_KEY = _require("SECRET_KEY")
ALLOWED_HOSTS = _list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    _require("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = _require("WAGTAILADMIN_BASE_URL").rstrip("/")

INSTALLED_APPS = [*INSTALLED_APPS, "csp"]

# --- Database: PostgreSQL through psycopg 3 -------------------------------------------------------
DATABASE_URL = _require("DATABASE_URL")
if urlsplit(DATABASE_URL).scheme not in ("postgres", "postgresql", "pgsql"):
    raise ImproperlyConfigured("DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/name).")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        # Keep connections open between requests, and check a reused one is still alive
        # before a request uses it (a restarted database or a dropped idle connection).
        conn_max_age=_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# No query may hold a connection (and its locks) for longer than this.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    f"-c statement_timeout={_int('DATABASE_STATEMENT_TIMEOUT_MS', 30_000)}"
)

# --- Media on S3 ---------------------------------------------------------------------------------
AWS_STORAGE_BUCKET_NAME = _require("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = _optional("AWS_S3_ENDPOINT_URL")
AWS_S3_REGION_NAME = _optional("AWS_S3_REGION_NAME")
AWS_S3_CUSTOM_DOMAIN = _optional("AWS_S3_CUSTOM_DOMAIN")
STORAGES = {
    "default": {
        "BACKEND": "stack.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": AWS_S3_REGION_NAME,
            # None lets boto3 find credentials itself (an instance or task role).
            "access_key": _optional("AWS_ACCESS_KEY_ID"),
            "secret_key": _optional("AWS_SECRET_ACCESS_KEY"),
            "file_overwrite": False,
            "default_acl": None,
            # Private objects are linked with signed URLs; a CDN domain in front of the
            # bucket (AWS_S3_CUSTOM_DOMAIN) serves them unsigned instead.
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            "querystring_auth": AWS_S3_CUSTOM_DOMAIN is None,
            "querystring_expire": _int("AWS_QUERYSTRING_EXPIRE", 3600),
        },
    },
    # Hashed names ("site.3f2a1b.css") can be cached for ever; WhiteNoise serves them compressed.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT

if AWS_S3_CUSTOM_DOMAIN:
    MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
elif AWS_S3_ENDPOINT_URL:
    # Path-style (endpoint/bucket/key) and virtual-hosted (bucket.endpoint/key) URLs.
    _endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
    MEDIA_ORIGINS = [_origin(AWS_S3_ENDPOINT_URL), f"{_endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{_endpoint.netloc}"]
else:
    _regional = f"s3.{AWS_S3_REGION_NAME}.amazonaws.com" if AWS_S3_REGION_NAME else "s3.amazonaws.com"
    MEDIA_ORIGINS = [f"https://{AWS_STORAGE_BUCKET_NAME}.{_regional}", f"https://{_regional}"]
MEDIA_URL = f"{MEDIA_ORIGINS[0]}/"

# --- Uploads -------------------------------------------------------------------------------------
WAGTAILIMAGES_MAX_UPLOAD_SIZE = _int("MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = _int("MAX_IMAGE_PIXELS", 40_000_000)
# Request bodies other than files (the talk editor posts many fields, but no megabytes).
DATA_UPLOAD_MAX_MEMORY_SIZE = _int("MAX_FORM_MB", 5) * 1024 * 1024

# --- Cache, sessions and page cache (optional Redis) -------------------------------------------------
REDIS_URL = _optional("REDIS_URL")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "conference-notes").strip()
# django-redis with IGNORE_EXCEPTIONS: when Redis is down, restarting or unreachable, every cache
# call is a miss after at most REDIS_CONNECT_TIMEOUT_MS, pages are served uncached, and caching
# resumes by itself when Redis is back (the errors are logged).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": _int("REDIS_CONNECT_TIMEOUT_MS", 250) / 1000,
            "SOCKET_TIMEOUT": _int("REDIS_TIMEOUT_MS", 500) / 1000,
        },
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": CACHE_KEY_PREFIX},
        # Wagtail looks image renditions up here before asking the database.
        "renditions": {**_redis, "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:renditions"},
    }
    # Sessions live in the database, with Redis in front to read them: a Redis restart or
    # outage logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CACHE_MIDDLEWARE_ALIAS = "default"
    CACHE_MIDDLEWARE_KEY_PREFIX = CACHE_KEY_PREFIX
    # Shorter than AWS_QUERYSTRING_EXPIRE, so a cached page never links to expired images.
    CACHE_MIDDLEWARE_SECONDS = _int("PAGE_CACHE_SECONDS", 300)
    # How long a page's last copy is kept to serve while the database is unavailable.
    PAGE_CACHE_STALE_SECONDS = _int("PAGE_CACHE_STALE_SECONDS", 86_400)
else:
    # Each process caches in its own memory. Django's default of 300 entries is less than one day
    # of 200 talks needs (a slot and a card per talk, its listing, its timetable): culling would
    # throw the rest out on every request.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": _int("LOCAL_CACHE_ENTRIES", 20_000)},
        }
    }
# How long a CDN in front of the servers may keep a public page (Cache-Control s-maxage).
CDN_CACHE_SECONDS = _int("CDN_CACHE_SECONDS", 60)

# --- CDN purging (optional): wagtail.contrib.frontend_cache ---------------------------------------
# Purges a page's URLs from the CDN when it is published, unpublished, moved or deleted.
WAGTAILFRONTENDCACHE = {}
if _optional("FRONTEND_CACHE_PURGE_URL"):
    # An HTTP cache that accepts PURGE requests (Varnish, Squid, nginx with a purge module).
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": _require("FRONTEND_CACHE_PURGE_URL"),
    }
if _optional("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": _require("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": _require("CLOUDFLARE_BEARER_TOKEN"),
    }
if _optional("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": _require("CLOUDFRONT_DISTRIBUTION_ID"),
    }
# --- Security ------------------------------------------------------------------------------------
# TLS ends at the proxy in front of gunicorn, which must set X-Forwarded-Proto (and drop any
# X-Forwarded-Proto a client sends).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Login throttling counts failures per client address: behind N proxies that append to
# X-Forwarded-For, TRUSTED_PROXY_COUNT=N takes the address the outermost one saw (home/throttling.py).
TRUSTED_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", 0)
SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# The admin reads its CSRF token from the page, never from the cookie.
CSRF_COOKIE_HTTPONLY = True

# Recordings play in a frame from these players only (conference/recordings.py): YouTube's no-cookie
# player, Vimeo's, and the PeerTube instances named here (host names, comma-separated). A PeerTube
# link to any other host is shown as a plain link, so the policy never needs a wildcard.
CONFERENCE_PEERTUBE_HOSTS = [
    h.strip().lower() for h in (_optional("CONFERENCE_PEERTUBE_HOSTS") or "").split(",") if h.strip()
]
for _host in CONFERENCE_PEERTUBE_HOSTS:
    if not re.fullmatch(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?", _host):
        raise ImproperlyConfigured(
            f"CONFERENCE_PEERTUBE_HOSTS lists {_host!r}: give host names only, "
            "comma-separated, e.g. peertube.example.org,video.example.com."
        )
_RECORDING_PLAYERS = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    *(f"https://{host}" for host in CONFERENCE_PEERTUBE_HOSTS),
]

# The userbar that editors see on public pages loads its scripts and styles from the admin.
_admin_origin = [_origin(WAGTAILADMIN_BASE_URL)]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_admin_origin],
        "style-src": [SELF, *_admin_origin],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF, *_admin_origin],
        "connect-src": [SELF],
        "frame-src": [SELF, *_RECORDING_PLAYERS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin is not CSP-clean yet (inline scripts for date pickers and inline panels,
# inline styles): it gets this looser policy (stack.middleware.AdminAwareCSPMiddleware).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # The editor's live preview shows admin pages in a frame.
        "frame-ancestors": [SELF],
    }
}

# --- Middleware ----------------------------------------------------------------------------------
_SECURITY = "django.middleware.security.SecurityMiddleware"
if _SECURITY not in MIDDLEWARE:
    raise ImproperlyConfigured("settings.production expects SecurityMiddleware in base.MIDDLEWARE.")
_after_security = MIDDLEWARE.index(_SECURITY) + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],  # health checks, then SecurityMiddleware: HTTPS before anything else runs
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
    "stack.middleware.AdminAwareCSPMiddleware",
    "stack.middleware.StorageErrorMiddleware",
]
if REDIS_URL:
    # Right after the health checks: a cached page is answered before any other middleware runs,
    # with the headers they added when it was stored.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("stack.health.HealthCheckMiddleware") + 1, "stack.page_cache.PageCacheMiddleware"
    )

# --- Logging: everything to stderr, where gunicorn and the platform collect it --------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.security": {"level": "WARNING"},
        # django-axes announces itself at every start; its failed logins and lockouts are warnings.
        "axes.apps": {"level": "WARNING"},
    },
}
