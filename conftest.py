"""Shared pytest fixtures for the whole suite."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploaded and generated files to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches.

    Wagtail caches image renditions by image id; ids repeat between tests, so a
    rendition cached by one test would otherwise be served to the next.
    """
    for cache in caches.all():
        cache.clear()
    yield
