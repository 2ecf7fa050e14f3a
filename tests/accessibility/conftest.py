"""A small page tree for the accessibility tests that need no browser."""

import datetime
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from conference.models import DayPage, EventPage, TalkPage
from home.models import HomePage


@pytest.fixture
def day(db):
    home = HomePage.objects.get()
    event = home.add_child(
        instance=EventPage(
            title="A11yConf 2026",
            slug="a11yconf-2026",
            start_date=datetime.date(2026, 5, 4),
            end_date=datetime.date(2026, 5, 5),
            location="Online",
        )
    )
    return event.add_child(instance=DayPage(title="Day 1", slug="day-1", date=datetime.date(2026, 5, 4)))


@pytest.fixture
def talk(day):
    return day.add_child(instance=TalkPage(title="Alt text that helps", slug="alt-text-that-helps"))


def make_image(title="Conference hall", filename="IMG_0042.jpg"):
    buffer = BytesIO()
    PILImage.new("RGB", (40, 20), (11, 87, 164)).save(buffer, format="JPEG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name=filename))
    image.save()
    return image


@pytest.fixture
def image(db):
    return make_image()
