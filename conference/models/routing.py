"""Serving a page of the tree in as few queries as its content needs.

Wagtail's `Page.route` reads each level of a URL twice (the base `Page` row, then its specific
row) and `get_view_restrictions` reads the ancestors again. Every level of this tree holds one
page type (`subpage_types`), so each level is read once, as its specific type
(`child_for_route`), and the page being served carries a flag saying whether a view restriction
applies to it or an ancestor (`is_restricted`), so that an unrestricted page is served without
asking again.
"""

from wagtail.models import PageViewRestriction


class TreeRouteMixin:
    """Route to children in one query each; serve unrestricted pages without a restrictions query."""

    def child_for_route(self, slug: str, is_last: bool):
        """The child page for `slug`, specific, or None to let Wagtail look.

        `is_last`: the child is the page being served, so it needs `is_restricted`.
        """
        return None

    def route(self, request, path_components):
        if path_components:
            child = self.child_for_route(path_components[0], is_last=len(path_components) == 1)
            if child is not None:
                # What Wagtail's own route does: get_parent() then needs no query.
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _routed_chain(self):
        """This page and its ancestors down from the home page, when routing has linked them; else None."""
        chain, page = [self], self
        while page.depth > 2:
            page = getattr(page, "_cached_parent_obj", None)
            if page is None:
                return None
            chain.append(page)
        return chain

    def get_view_restrictions(self):
        # `is_restricted` covers this page and every ancestor by their paths. An alias takes its
        # source's restrictions instead, which only Wagtail's own lookup follows.
        chain = self._routed_chain()
        if getattr(self, "is_restricted", None) is False and chain and all(p.alias_of_id is None for p in chain):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def breadcrumb_ancestors(self) -> list:
        """The ancestors under the site's root page (home first), without a query once routed."""
        chain = self._routed_chain()
        if chain is None:
            return list(self.get_ancestors().filter(depth__gt=1))
        return list(reversed(chain[1:]))


def first_or_none(queryset, **filters):
    """The one row matching `filters`, or None."""
    return next(iter(queryset.filter(**filters)[:1]), None)
