"""The editorial conftest's site as plain builders, for modules that build it once (`per_module`,
conference/testing.py) instead of once per test: the same events, groups and users."""

import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from conference.editors import MODERATORS, set_up_event_editing
from conference.factories import PASSWORD, build_event


def build_event_a():
    """Event A, as the conftest's `event_a`."""
    return build_event("PyCon A", "pycon-a", datetime.date(2024, 5, 1))


def build_event_b():
    """Event B, as the conftest's `event_b`."""
    return build_event("DjangoCon B", "djangocon-b", datetime.date(2024, 10, 1))


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org")
    user.groups.set(groups)
    return user


def build_editorial_site():
    """Both events with editing set up, event A's editor Ada and the moderator Mo, as the conftest's
    `event_a`, `event_b`, `editors_a`, `editor_a` and `moderator`."""
    site = SimpleNamespace(event_a=build_event_a(), event_b=build_event_b())
    set_up_event_editing(site.event_b.event)
    site.editors_a, _ = set_up_event_editing(site.event_a.event)
    site.editor_a = make_user("ada", site.editors_a)
    site.moderator = make_user("mo", Group.objects.get(name=MODERATORS))
    return site
