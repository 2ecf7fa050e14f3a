"""`/healthz` and `/readyz` for load balancers, answered before any other middleware.

First in MIDDLEWARE, so a check costs no session, CSRF or cache work, is never cached, and works
over plain HTTP with whatever Host header the load balancer sends (it is answered before
SecurityMiddleware's HTTPS redirect and before ALLOWED_HOSTS is checked; it reveals nothing but
"ok" or which dependency is unreachable).

- `/healthz` (liveness): the process answers. Restart it if this fails.
- `/readyz` (readiness): the database answers a query and the media storage answers a lookup.
  Take the server out of rotation while this is 503; Redis is not checked, since the site serves
  pages without it.
"""

import logging

from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)

PROBE_NAME = "readyz-probe"


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_storage():
    # A lookup of a name that need not exist: a HEAD request on S3, a stat on a disk.
    default_storage.exists(PROBE_NAME)


CHECKS = {"database": _check_database, "storage": _check_storage}


def _uncached(response):
    response["Cache-Control"] = "no-store"
    return response


def readiness():
    results, ready = {}, True
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # noqa: BLE001 - any failure means "not ready", and says which
            logger.warning("readyz: %s unavailable: %s", name, error)
            results[name] = "unavailable"
            ready = False
    return _uncached(JsonResponse(results, status=200 if ready else 503))


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return _uncached(JsonResponse({"status": "ok"}))
        if request.path_info == "/readyz":
            return readiness()
        return self.get_response(request)
