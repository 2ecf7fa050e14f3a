"""Fixtures for the cross-app tests."""

import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def editor(django_user_model):
    """A member of Wagtail's default "Editors" group: not a superuser, not an accessibility reviewer."""
    user = django_user_model.objects.create_user("eddie", password="unused-in-tests")
    user.groups.add(Group.objects.get(name="Editors"))
    return user
