"""A small two-event site with editors, a moderator and the review workflow, for the editorial tests."""

import datetime

import pytest
from django.contrib.auth.models import Group

from conference.editors import MODERATORS, set_up_event_editing
from conference.factories import PASSWORD, build_event, make_image


@pytest.fixture
def event_a(db):
    return build_event("PyCon A", "pycon-a", datetime.date(2024, 5, 1))


@pytest.fixture
def event_b(db):
    return build_event("DjangoCon B", "djangocon-b", datetime.date(2024, 10, 1))


@pytest.fixture
def make_user(django_user_model):
    def make(username, *groups):
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, email=f"{username}@example.org"
        )
        user.groups.set(groups)
        return user

    return make


@pytest.fixture
def editors_a(event_a, event_b):
    """Editing set up on both events; returns the group of event A's editors."""
    set_up_event_editing(event_b.event)
    group, _ = set_up_event_editing(event_a.event)
    return group


@pytest.fixture
def editor_a(editors_a, make_user):
    return make_user("ada", editors_a)


@pytest.fixture
def moderator(editors_a, make_user):
    return make_user("mo", Group.objects.get(name=MODERATORS))


@pytest.fixture
def image(db):
    """A small PNG in the image library."""
    return make_image()
