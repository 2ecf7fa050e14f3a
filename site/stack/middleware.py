"""Middleware of the production stack (switched on in `settings.production`)."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse

from . import ADMIN_URL_PREFIXES
from .storage import MediaStorageError


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(ADMIN_URL_PREFIXES))


class AdminAwareCSPMiddleware(CSPMiddleware):
    """The strict `CONTENT_SECURITY_POLICY` everywhere, `ADMIN_CONTENT_SECURITY_POLICY` in the admins.

    Wagtail's admin still relies on inline scripts and styles (date pickers, inline panels), so it
    gets a looser policy. The public pages, the userbar included, need neither.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            return PolicyParts(
                settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"], parts.update, parts.replace, parts.nonce
            )
        return parts


class StorageErrorMiddleware:
    """Show an editor why the media storage failed instead of a bare server error.

    The admin's multi-file uploader reads `error_message` from a JSON answer; a form sent to
    another admin view sends the editor back to it with the message at the top. Public views are left alone: their
    images degrade to "missing" in Wagtail's image tag, see `stack.storage`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MediaStorageError) or not is_admin_path(request.path_info):
            return None
        message = str(exception)
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or request.path_info.endswith("/multiple/add/"):
            return JsonResponse({"success": False, "error_message": message})
        if request.method == "GET":
            # Admin pages that show images degrade to "missing" on their own; nothing to add.
            return None
        messages.error(request, message)
        return HttpResponseRedirect(request.get_full_path())
