"""Fixtures for the conference app's tests (the demo, `demo`, is the root conftest.py's)."""
