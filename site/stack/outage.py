"""What readers get while the database is unavailable: 503 "try again shortly", not a 500.

`settings.production` makes `server_error` the project's 500 handler. A database error (the
server restarting, a failover, the connection refused) gets a 503 page with `Retry-After`, which
load balancers and crawlers understand as temporary; any other error keeps Django's 500 page.
The page cache (`stack.page_cache`) answers first with a page's last copy when it has one.
The 503 page is rendered without a request context, so it needs nothing from the database.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

# What Django raises when it cannot reach the database or loses its connection.
DATABASE_ERRORS = (OperationalError, InterfaceError)

RETRY_AFTER_SECONDS = 30


def service_unavailable() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs):
    """handler500: a 503 when the error in flight is the database's, else Django's own 500."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable()
    return defaults.server_error(request, *args, **kwargs)
