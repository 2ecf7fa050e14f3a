"""A shared page cache for anonymous visitors that empties itself when content changes.

Django's cache middleware keys a page by its URL and keeps it until a timeout. With several app
servers, "until a timeout" means a talk unpublished on one server stays on the others. Here every
cache key carries a *generation* number kept in the shared cache itself; any change to content
(publishing, unpublishing, moving or deleting a page, editing a speaker, an image or a document)
bumps the generation once its transaction commits, so every server stops using the old pages at
once. Old entries are never read again and expire on their own.

Only anonymous visitors are served from the cache: requests that carry a session cookie (editors),
and the admin, always reach the views.
"""

import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

from . import ADMIN_URL_PREFIXES

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


def current_generation() -> int:
    # Start from the clock rather than 1, so that a cache that lost the key (a restart, an
    # eviction) never reuses a generation whose pages might still be stored.
    return _cache().get_or_set(GENERATION_KEY, lambda: time.time_ns() // 1000, timeout=None)


def bump_generation() -> None:
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next request starts one
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return False
    from wagtail.images.models import AbstractRendition

    return not issubclass(sender, AbstractRendition)


def _content_changed(sender, **kwargs):
    if _is_content(sender):
        transaction.on_commit(bump_generation)


def connect_signals():
    post_save.connect(_content_changed, dispatch_uid="stack.page_cache.post_save")
    post_delete.connect(_content_changed, dispatch_uid="stack.page_cache.post_delete")


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not request.path_info.startswith(tuple(ADMIN_URL_PREFIXES))


def _key_prefix(request) -> str:
    generation = getattr(request, "_page_cache_generation", None)
    if generation is None:
        generation = request._page_cache_generation = current_generation()
    return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}:pages:{generation}"


# The key prefix of the request this thread is handling: Django's cache middleware reads
# `self.key_prefix`, and one middleware instance serves every thread.
_current = threading.local()


class _GenerationKeyPrefix:
    @property
    def key_prefix(self):
        return getattr(_current, "key_prefix", settings.CACHE_MIDDLEWARE_KEY_PREFIX)

    @key_prefix.setter
    def key_prefix(self, value):
        """Django's __init__ sets a fixed prefix; the generation decides instead."""


class PageCacheUpdateMiddleware(_GenerationKeyPrefix, UpdateCacheMiddleware):
    """First in MIDDLEWARE: stores anonymous GET responses under the current generation."""

    def process_response(self, request, response):
        if not getattr(request, "_cache_update_cache", False):
            return response
        # A response that sets any cookie (a CSRF token, a message) belongs to one visitor.
        if response.cookies:
            return response
        _current.key_prefix = _key_prefix(request)
        return super().process_response(request, response)


class PageCacheFetchMiddleware(_GenerationKeyPrefix, FetchFromCacheMiddleware):
    """Last in MIDDLEWARE: answers anonymous GETs from the cache of the current generation."""

    def process_request(self, request):
        if not _cacheable_request(request):
            request._cache_update_cache = False
            return None
        _current.key_prefix = _key_prefix(request)
        return super().process_request(request)
