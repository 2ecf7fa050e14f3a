"""`{% breadcrumb_ancestors page as ancestors %}`: a page's ancestors under the root, for any page type.

Pages of this project (`TreeRouteMixin`) know them without a query once routed; any other page
(one an app adds later, or a preview) asks the tree.
"""

from django import template

register = template.Library()


@register.simple_tag
def breadcrumb_ancestors(page):
    if hasattr(type(page), "breadcrumb_ancestors"):
        return page.breadcrumb_ancestors
    return list(page.get_ancestors().filter(depth__gt=1))
