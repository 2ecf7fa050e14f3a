"""A small two-event site with editors, a moderator and the review workflow, for the editorial tests."""

import pytest
from django.contrib.auth.models import Group

from conference.editors import MODERATORS, set_up_event_editing
from conference.factories import make_image

from . import site


@pytest.fixture
def event_a(db):
    return site.build_event_a()


@pytest.fixture
def event_b(db):
    return site.build_event_b()


@pytest.fixture
def make_user(db):
    return site.make_user


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
