"""Shared pytest fixtures for the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploaded and generated files to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
