"""Build a small site for the editorial tests: events with a day and a talk, images, body states."""

import datetime
from dataclasses import dataclass
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from conference.models import DayPage, EventPage, TalkPage
from home.models import HomePage

PASSWORD = "correct horse battery staple"

TALK_BODY = [
    {"type": "heading", "value": {"level": "h2", "text": "Why it matters"}},
    {"type": "paragraph", "value": "<p>Tests are <b>documentation</b>.</p>"},
    {
        "type": "quote",
        "value": {"text": "<p>Write the test first.</p>", "attribution": "Someone", "speaker": None, "source_url": ""},
    },
]


@dataclass
class EventTree:
    event: EventPage
    day: DayPage
    talk: TalkPage


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_event(title: str, slug: str, start: datetime.date) -> EventTree:
    home = HomePage.objects.get()
    event = home.add_child(
        instance=EventPage(title=title, slug=slug, start_date=start, end_date=start, location="Durham, NC")
    )
    publish(event)
    day = event.add_child(instance=DayPage(title="Day 1", slug="day-1", date=start))
    publish(day)
    talk = day.add_child(instance=TalkPage(title=f"Opening of {title}", slug="opening", body=TALK_BODY))
    publish(talk)
    return EventTree(event=event, day=day, talk=talk)


def make_image(title="Slide 1", size=(64, 48)):
    buffer = BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, format="PNG")
    name = title.lower().replace(" ", "-") + ".png"
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=name))


def body_state(raw_blocks, model=TalkPage):
    """The editor's JSON state for a body given as raw blocks [{"type": ..., "value": ...}]."""
    block = model.body.field.stream_block
    return block.get_form_state(block.to_python(raw_blocks))
