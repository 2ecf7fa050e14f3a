"""Every URL rendered from stored data passes one scheme allow-list, at render time.

Input validation (URLField, the notes importer, the rich text editor) keeps `javascript:` links out
of what editors type, but stored data also arrives through migrations, scripts, imports yet to be
written or the API, and a template that prints a stored URL as it is would turn any of them into a
live script. So templates print stored URLs through `safe_url`, and all rich text (the `richtext`
filter and rich text blocks both render `wagtailcore/shared/richtext.html`, which this project
overrides) through `safe_links`.

Allowed: http, https, mailto and relative URLs (no scheme). Anything else renders as no link.
"""

import html
import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers ignore tabs and newlines anywhere in a URL and control characters and spaces around it
# ("java\tscript:" is javascript:), so the scheme is read the way they read it.
_IGNORED = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_A_HREF = re.compile(r"""(<a\b[^>]*?)\s+href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)


def is_safe_url(url) -> bool:
    if url is None:
        return False
    cleaned = _IGNORED.sub("", str(url)).strip(_C0_AND_SPACE)
    match = _SCHEME.match(cleaned)
    if match is None:
        # No scheme: relative ("/talks/", "#notes", "?q=x", "notes.html"), unless a colon before any
        # slash would let a browser read one anyway.
        return ":" not in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return match.group(1).lower() in ALLOWED_SCHEMES


@register.filter
def safe_url(url) -> str:
    """The URL if its scheme is allowed, else "" (so `{% if value.url|safe_url %}` drops the link)."""
    return url if url and is_safe_url(url) else ""


@register.filter(is_safe=True)
def safe_links(rendered_html) -> str:
    """Rendered HTML with the href of every link whose scheme is not allowed removed."""

    def check(match):
        raw = next(g for g in match.groups()[1:] if g is not None)
        if is_safe_url(html.unescape(raw)):
            return match.group(0)
        return match.group(1)

    return mark_safe(_A_HREF.sub(check, str(rendered_html)))  # noqa: S308 - the input was already safe HTML
