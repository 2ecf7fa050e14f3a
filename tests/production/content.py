"""Building the Event → Day → Talk tree, and images, for the production-stack tests."""

import datetime
import io

from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from conference.models import DayPage, EventPage, Speaker, TalkPage, TalkSpeaker


def png_bytes(width=640, height=480, colour=(30, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def event_and_day(title="PyCon Test 2024", slug="pycon-test-2024"):
    home = Page.objects.get(depth=2).specific
    event = home.add_child(
        instance=EventPage(
            title=title,
            slug=slug,
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 5, 2),
            location="Pittsburgh",
        )
    )
    event.save_revision().publish()
    day = event.add_child(instance=DayPage(title="Wednesday", slug="wednesday", date=datetime.date(2024, 5, 1)))
    day.save_revision().publish()
    return event, day


def publish_talk(day, title, slug, summary="", body=(), speakers=()):
    talk = TalkPage(title=title, slug=slug, summary=summary, body=list(body))
    for speaker in speakers:
        talk.talk_speakers.add(TalkSpeaker(speaker=speaker))
    day.add_child(instance=talk)
    talk.save_revision().publish()
    return TalkPage.objects.get(pk=talk.pk)


def speaker(name, slug):
    return Speaker.objects.create(name=name, slug=slug)


def figure(image, alt="A blue test card", caption=""):
    """A body block in the stored (raw JSON) form."""
    value = {"image": {"image": image.pk, "alt_text": alt, "decorative": False}, "caption": caption, "credit": ""}
    return {"type": "image", "value": value}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def image_model():
    return get_image_model()
