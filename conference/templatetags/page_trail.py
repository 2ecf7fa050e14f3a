"""Breadcrumb trails for `includes/breadcrumbs.html`, the one template that draws them.

`{% breadcrumb_ancestors page as ancestors %}`: a page's ancestors under the root, for any page
type. Pages of this project (`TreeRouteMixin`) know them without a query once routed; any other
page (one an app adds later, or a preview) asks the tree.

`{% page_trail page as trail %}` and `{% view_trail "Speakers" url … as trail %}`: the crumbs
from Home to a page of the tree, or to a view that is not a page (a speaker, a tag, the
accessibility statement), as [{"title", "url"}], the last one being where the reader is.
"""

from django import template

register = template.Library()

HOME = "Home"


@register.simple_tag
def breadcrumb_ancestors(page):
    if hasattr(type(page), "breadcrumb_ancestors"):
        return page.breadcrumb_ancestors
    return list(page.get_ancestors().filter(depth__gt=1))


@register.simple_tag(takes_context=True)
def page_trail(context, page) -> list[dict]:
    """Home, the page's ancestors, then the page, as `{% pageurl %}` links them."""
    request = context.get("request")
    pages = [*breadcrumb_ancestors(page), page]
    return [{"title": HOME if p.depth == 2 else p.title, "url": p.get_url(request=request)} for p in pages]


@register.simple_tag
def view_trail(*titles_and_urls) -> list[dict]:
    """Home, then each (title, url) pair given, for a view that is not a page of the tree."""
    if len(titles_and_urls) % 2:
        raise template.TemplateSyntaxError("view_trail takes pairs of a title and a URL")
    pairs = zip(titles_and_urls[::2], titles_and_urls[1::2], strict=True)
    return [{"title": HOME, "url": "/"}, *({"title": title, "url": url} for title, url in pairs)]
