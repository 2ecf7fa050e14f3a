"""A shared page cache for anonymous visitors, answered before the rest of the middleware runs.

Django's cache middleware sits at both ends of the stack, so even a cache hit pays for the
sessions, CSRF, authentication, redirects and CSP middleware on the way in. `PageCacheMiddleware`
is first in MIDDLEWARE instead: it stores each page exactly as it left the stack (every header the
other middleware added: CSP, HSTS, X-Frame-Options...) and answers a hit with those bytes before
anything else runs.

Keeping it right across several app servers:

- Every entry records the *generation* it was rendered in; the generation number lives in the
  shared cache, and any change to content (publishing, unpublishing, moving or deleting a page,
  editing a speaker, an image or a document) bumps it at once and again once its transaction
  commits, so every server stops serving the old pages at once. The generation and the page are read in one round
  trip (`get_many`).
- Only requests without any cookie are answered from the cache or stored, and only responses that
  set no cookie: an editor (session cookie) or anyone who was given a CSRF token always reaches the
  views, and no one's token is ever stored.
- An entry stays in the cache, stale, for `PAGE_CACHE_STALE_SECONDS` after it stops being fresh:
  while the database is unavailable, a visitor gets that last copy rather than an error
  (`stack.outage` answers 503 when there is none).
- If the cache itself fails (Redis down, restarting or unreachable), django-redis's
  IGNORE_EXCEPTIONS makes every cache call a miss after a short connect timeout: pages are
  served uncached and caching resumes by itself.

Responses stored here carry `Cache-Control: public, max-age=0, s-maxage=CDN_CACHE_SECONDS`, so a
CDN in front may keep them briefly (and `wagtail.contrib.frontend_cache` purges it on publish)
while browsers always ask again; everything else a cookie-carrying request gets is `private`.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import ADMIN_URL_PREFIXES
from .outage import DATABASE_ERRORS

GENERATION_KEY = "page-cache:generation"

# Saves in these apps change what visitors see. Renditions are left out: they are created while
# public pages render, and must not empty the cache they are about to fill.
CONTENT_APPS = {
    "home",
    "conference",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
}


def _cache():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def _new_generation() -> int:
    # From the clock rather than 1, so that a cache that lost the key (a restart, an eviction)
    # never reuses a generation whose pages might still be stored.
    return time.time_ns() // 1000


def bump_generation() -> None:
    cache = _cache()
    try:
        if cache.incr(GENERATION_KEY) is not None:
            return
    except ValueError:  # no generation yet
        pass
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return False
    from wagtail.images.models import AbstractRendition

    return not issubclass(sender, AbstractRendition)


def _content_changed(sender, **kwargs):
    if _is_content(sender):
        # At once, for what this transaction reads next (the same request, or a test), and again once
        # the change is committed, for every server: a page rendered in between, from what was then
        # committed, is never served under the new generation.
        bump_generation()
        transaction.on_commit(bump_generation)


def connect_signals():
    post_save.connect(_content_changed, dispatch_uid="stack.page_cache.post_save")
    post_delete.connect(_content_changed, dispatch_uid="stack.page_cache.post_delete")


def _page_key(request) -> str:
    # Scheme and host are part of the key: a plain-HTTP request must reach SecurityMiddleware's
    # redirect, and get_host() refuses hosts outside ALLOWED_HOSTS before anything is served.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:page:{hashlib.sha256(address.encode()).hexdigest()}"


class PageCacheMiddleware:
    """First in MIDDLEWARE: answers cookie-less GET and HEAD requests from the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.fresh_seconds = settings.CACHE_MIDDLEWARE_SECONDS
        self.stale_seconds = getattr(settings, "PAGE_CACHE_STALE_SECONDS", 24 * 3600)
        self.cdn_seconds = getattr(settings, "CDN_CACHE_SECONDS", 60)
        self.skipped_prefixes = (*ADMIN_URL_PREFIXES, settings.STATIC_URL, "/healthz", "/readyz")

    def _cacheable(self, request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.META.get("HTTP_COOKIE")
            and not request.path_info.startswith(self.skipped_prefixes)
        )

    def __call__(self, request):
        if request.path_info.startswith(settings.STATIC_URL):
            return self.get_response(request)
        if not self._cacheable(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                # Pages for editors (or anyone with a cookie) must never land in a shared cache.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        key = request._page_cache_key = _page_key(request)
        found = _cache().get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if entry is not None and generation is not None:
            age = time.time() - entry[1]
            if entry[0] == generation and age < self.fresh_seconds:
                return self._from_entry(entry, age=int(age))

        response = self.get_response(request)
        if getattr(response, "is_stale_copy", False):
            return response
        if request.method == "GET" and response.status_code == 200 and not response.cookies:
            if not getattr(response, "streaming", False) and "private" not in response.get("Cache-Control", ""):
                patch_cache_control(response, public=True, max_age=0, s_maxage=self.cdn_seconds)
                self._store(key, generation, response)
        return response

    def _store(self, key, generation, response):
        if generation is None:
            generation = _cache().get(GENERATION_KEY)
            if generation is None:
                generation = _new_generation()
                if not _cache().add(GENERATION_KEY, generation, timeout=None):
                    generation = _cache().get(GENERATION_KEY)
        if generation is None:  # the cache is unavailable: serve uncached
            return
        entry = (generation, time.time(), response.status_code, list(response.items()), response.content)
        _cache().set(key, entry, timeout=self.fresh_seconds + self.stale_seconds)

    @staticmethod
    def _from_entry(entry, age: int, stale: bool = False) -> HttpResponse:
        _, _, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["Age"] = str(max(age, 0))
        if stale:
            # Served while the database is unavailable (from process_exception, so it passes back
            # out through __call__): neither stored again nor kept by a shared cache.
            response.is_stale_copy = True
            response["Cache-Control"] = "no-cache"
        return response

    def process_exception(self, request, exception):
        """While the database is unavailable, a visitor gets the page's last copy, however old."""
        key = getattr(request, "_page_cache_key", None)
        if key is None or not isinstance(exception, DATABASE_ERRORS):
            return None
        entry = _cache().get(key)
        if entry is None:
            return None  # stack.outage.server_error answers 503
        return self._from_entry(entry, age=int(time.time() - entry[1]), stale=True)
