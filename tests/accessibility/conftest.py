"""A small page tree for the accessibility tests that need no browser."""

import datetime

import pytest

from conference.factories import make_day, make_event, make_image, make_talk


@pytest.fixture
def day(db):
    return make_day(make_event("A11yConf 2026", start_date=datetime.date(2026, 5, 4)))


@pytest.fixture
def talk(day):
    return make_talk(day, "Alt text that helps")


@pytest.fixture
def image(db):
    """An image whose file name is a camera's, the kind of text the alt text rules refuse."""
    return make_image("Conference hall", (40, 20), filename="IMG_0042.jpg")
