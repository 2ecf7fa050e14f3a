"""The editorial conftest's site as plain builders, for modules that build it once (`per_module`,
conference/testing.py) instead of once per test: the same events, groups and users."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from conference.editors import MODERATORS, set_up_event_editing
from conference.factories import PASSWORD, build_event
from conference.testing import per_module


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


# A module that imports these shares one editorial site among its tests, in place of the
# conftest's per-test fixtures of the same names:
#     from .site import _module_editorial_site, editor_a, editorial_site, event_a, event_b, moderator
_module_editorial_site, editorial_site = per_module(build_editorial_site)


@pytest.fixture
def event_a(editorial_site):
    return editorial_site.event_a


@pytest.fixture
def event_b(editorial_site):
    return editorial_site.event_b


@pytest.fixture
def editor_a(editorial_site):
    return editorial_site.editor_a


@pytest.fixture
def moderator(editorial_site):
    return editorial_site.moderator
