"""Purging the CDN in front of the servers (wagtail.contrib.frontend_cache) beyond the page itself.

Wagtail purges a page's own URLs when it is published or unpublished. Its ancestors list it too
(the day lists its talks, the event its days, the home page the events), so they are purged with
it; pages that only link to it (a speaker's page, search) keep their copy for at most
CDN_CACHE_SECONDS. Without WAGTAILFRONTENDCACHE (settings.production sets it from the
environment) there is no backend and nothing is sent.
"""

from django.conf import settings
from wagtail.signals import page_published, page_unpublished


def _purge_ancestors(sender, instance, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(instance.get_ancestors().filter(depth__gt=1).live().specific())


def connect_signals():
    page_published.connect(_purge_ancestors, dispatch_uid="stack.cdn.published")
    page_unpublished.connect(_purge_ancestors, dispatch_uid="stack.cdn.unpublished")
