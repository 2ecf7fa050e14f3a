"""What a request derives from published content, kept in the shared cache and never out of date.

Two things every uncached public request would otherwise rebuild:

- **the Site** Wagtail finds for the request's host (a query on every request, then one more for
  the site's home page): `CachedSiteMiddleware` sets `request._wagtail_site`, which is where
  Wagtail's own `Site.find_for_request` keeps its answer for the rest of the request, to a Site
  found by Wagtail's rules (`get_site_for_hostname`) and stored with its root page as its
  specific type (so routing does not read the home page again);
- **fragments** derived from a routed public page (`page_key`, `cached`): its head
  (`conference.seo`), a day's talks, its timetable or list (`DayPage.get_context`).

Every entry records the content *generation* it was made in: the number `stack.page_cache`
keeps in the shared cache and bumps whenever content is saved or deleted (pages, sites,
speakers, images...), at once and again when the transaction commits. The generation is read
when Wagtail's page view is about to run, before the request reads any content, and an entry is
used only when its generation is the current one, so a change is seen by every server at once, as
the page cache's pages are. A request that did not read it then (another view, a preview) never
reads or stores a fragment; nor does any when the cache fails or has no generation.

With the default per-process memory cache (no REDIS_URL), another process's saves do not bump
this process's generation, so entries there live only `LOCAL_SECONDS` (as Wagtail's own
site-root-paths cache, which also relies on a shared cache to be right across processes).
"""

import hashlib

from django.core.cache.backends.locmem import LocMemCache
from django.http.request import split_domain_port

from .page_cache import GENERATION_KEY, _cache, _new_generation

SHARED_SECONDS = 24 * 3600
LOCAL_SECONDS = 10


def _timeout(cache) -> int:
    return LOCAL_SECONDS if isinstance(cache, LocMemCache) else SHARED_SECONDS


def start(request, keys=()) -> dict:
    """Read the generation (before the request reads any content), with `keys`, in one round trip."""
    found = _cache().get_many([GENERATION_KEY, *keys])
    generation = found.pop(GENERATION_KEY, None)
    if generation is None:
        # None yet (a new or emptied cache): start one (unless another request just did).
        _cache().add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = _cache().get(GENERATION_KEY)  # still None when the cache is unavailable
    request._content_generation = generation
    return {key: value for key, value in found.items() if value[0] == generation}


def get_fragment(request, key: str):
    """The value stored under `key` in this request's generation, or None (always None when the
    request did not read its generation before its content: see `CachedSiteMiddleware`)."""
    generation = getattr(request, "_content_generation", None)
    if generation is None:
        return None
    entry = _cache().get(key)
    return entry[1] if entry is not None and entry[0] == generation else None


def set_fragment(request, key: str, value) -> None:
    """Store `value` under `key` for this request's generation (nothing when there is none)."""
    generation = getattr(request, "_content_generation", None)
    if generation is not None:
        cache = _cache()
        cache.set(key, (generation, value), timeout=_timeout(cache))


def page_key(request, page, kind: str, *values) -> str | None:
    """The key of what `kind` derives from `page` as this request routed it, or None when it must be
    built afresh: only a published page served to the public as routed (`is_restricted` is False:
    no view restriction on it or above it; not an alias), on a GET or HEAD, never a preview or a
    draft. The key holds the request's address and the page's revision; `values`, whatever else
    the fragment depends on that is not content (the code's version, a user's name...).
    """
    if (
        page is None
        or getattr(request, "is_preview", False)
        or getattr(request, "_content_generation", None) is None
        or request.method not in ("GET", "HEAD")
        or getattr(page, "is_restricted", None) is not False
        or page.alias_of_id is not None
        or not page.live
    ):
        return None
    address = (request.scheme, request.get_host(), request.path)
    revision = (page.pk, type(page).__name__, page.live_revision_id, page.last_published_at)
    return f"{kind}:" + hashlib.sha256(repr((address, revision, values)).encode()).hexdigest()


def cached(request, key: str | None, build):
    """`build()`, or what it gave under `key` in this request's generation (`key` None: not cached)."""
    if key is None:
        return build()
    value = get_fragment(request, key)
    if value is None:
        value = build()
        set_fragment(request, key, value)
    return value


def _site_key(hostname: str, port) -> str:
    return f"content-cache:site:{hostname}:{port}"


class CachedSiteMiddleware:
    """For Wagtail's page view: reads the content generation, and the request's Site from the
    shared cache (by Wagtail's rules, into Wagtail's own request attribute)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        # Only Wagtail's pages: other views (speakers, search...) may never need the Site.
        if view_func is serve and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = self.find_site(request)

    @staticmethod
    def find_site(request):
        from wagtail.models import Site
        from wagtail.models.sites import get_site_for_hostname

        # What Site._find_for_request reads (the raw host: no ALLOWED_HOSTS check here).
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        key = _site_key(hostname, port)
        found = start(request, [key])
        if key in found:
            return found[key][1] or None  # False: no site for this host
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            site = None
        if site is not None:
            # Routing starts at the root page as its specific type (Wagtail's `root_page.localized.specific`).
            site.root_page = site.root_page.specific
        set_fragment(request, key, site or False)
        return site
