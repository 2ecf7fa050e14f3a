"""The production stack: S3 media storage, the admin-aware Content-Security-Policy and the page cache.

It is a Django app (installed in every environment, so the page cache's invalidation signals are
connected wherever content changes, including management commands), but its middleware and storage
are switched on only by `settings.production`. It lives under `site/` with the rest of the
project's configuration and imports as `stack`.
"""

# The admin sites' URL prefixes, as mounted in site/urls.py: they get the admin's
# Content-Security-Policy and are never served from the page cache.
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
