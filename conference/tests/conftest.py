"""Fixtures for the conference app's tests."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The DjangoCon US 2023 demo notes, loaded as `make run` loads them; returns the command's output."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()
