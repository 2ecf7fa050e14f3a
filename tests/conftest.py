"""Fixtures for the cross-app tests."""

from conference.tests.conftest import demo  # noqa: F401 - the loaded demo notes, shared with the conference tests
