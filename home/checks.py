"""System checks for site-wide settings."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def accessibility_contact_check(app_configs, **kwargs):
    """A public site's accessibility statement must say how to report a problem."""
    if settings.DEBUG or getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", ""):
        return []
    return [
        Warning(
            "ACCESSIBILITY_CONTACT_EMAIL is not set, so the accessibility statement (/accessibility/) "
            "gives readers no address to report a problem to.",
            hint="Set the ACCESSIBILITY_CONTACT_EMAIL environment variable to an address someone reads.",
            id="home.W001",
        )
    ]
