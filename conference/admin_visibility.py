"""Which pages an admin listing of ours may show a user: those they may edit (Wagtail's page permissions).

The Talks index and the speakers' talk links list pages across events; an event's editor must not
read another event's drafts there (titles, days, status). Live pages of other events are public,
but the listings are for editing, so they show only what the user may edit.
"""

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy


def editable_pages(user):
    """A Page queryset of what `user` may edit (all pages for a superuser)."""
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})


def only_editable(queryset, user, field="pk"):
    """`queryset` narrowed to pages (or rows whose `field` is a page) the user may edit."""
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": editable_pages(user).values("pk")})


def live_or_editable(user) -> Q:
    """For pages: live, or editable by the user (an event filter may name live events of others)."""
    if user.is_superuser:
        return Q()
    return Q(live=True) | Q(pk__in=editable_pages(user).values("pk"))
