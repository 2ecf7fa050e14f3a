"""Template tags of the schedule (conference/schedule/)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def webcal_url(context, url: str) -> str:
    """The `webcal:` form of a calendar's address, for calendar apps to subscribe to."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url.removeprefix(scheme)
    return f"webcal://{context['request'].get_host()}{url}"
