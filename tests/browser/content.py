"""Test content on top of the demo: a talk that uses every kind of block.

No demo talk has them all (and none has a decorative image), so this one is
added here rather than in the demo data. Its body is validated exactly as the
editor validates it before it is published, so it is content an editor could
really publish.
"""

import uuid

from django.core.exceptions import ValidationError
from wagtail.images import get_image_model

from blocks.tables import TableBlock
from conference.demo.images import DEMO_IMAGES
from conference.models import DayPage, Speaker, TalkPage, TalkSpeaker
from conference.notes.values import describe as describe_error

EVERY_BLOCK_SLUG = "every-kind-of-block"

# Longer than a phone screen is wide, so the code block has to scroll sideways.
WIDE_CODE = (
    "from django.db import models\n\n\n"
    "class TalkPageQuerySet(models.QuerySet):\n"
    "    def for_event_with_speakers_and_lightning_talks_in_schedule_order(self, event, *, include_drafts=False):\n"
    "        return self.descendant_of(event).with_speakers().in_schedule_order()\n"
)


def _item(text, children=(), style="bulleted"):
    """A list item of plain `text`, its `children` as a sub-list of `style` under it."""
    blocks = []
    if children:
        blocks.append({"type": "list", "id": str(uuid.uuid4()), "value": {"style": style, "items": list(children)}})
    return {"type": "item", "id": str(uuid.uuid4()), "value": {"text": f"<p>{text}</p>", "blocks": blocks}}


def every_block_body():
    Image = get_image_model()
    diagram = Image.objects.get(title=DEMO_IMAGES["page-tree-diagram"].title)
    chart = Image.objects.get(title=DEMO_IMAGES["accessibility-chart"].title)
    speaker = Speaker.objects.order_by("name").first()
    return [
        {
            "type": "paragraph",
            "value": (
                "<p>Notes with <b>bold</b>, <i>italic</i>, <code>inline_code()</code> and a link to the "
                '<a href="https://docs.wagtail.org/">Wagtail documentation</a>.</p>'
            ),
        },
        {"type": "heading", "value": {"level": "h2", "text": "Quotes and lists"}},
        {
            "type": "quote",
            "value": {
                "text": "Write down, publicly, what you learned.",
                "attribution": "",
                "speaker": speaker.pk,
                "source_url": "https://2023.djangocon.us/",
            },
        },
        {
            "type": "quote",
            "value": {"text": "Tests are documentation.", "attribution": "@lacey", "speaker": None, "source_url": ""},
        },
        {
            "type": "list",
            "value": {
                "style": "numbered",
                "items": [
                    _item(
                        "Replicate the bug",
                        [_item("Write a failing test", [_item("Run it on every backend")], "numbered")],
                        "numbered",
                    ),
                    _item("Fix it"),
                ],
            },
        },
        {
            "type": "list",
            "value": {"style": "bulleted", "items": [_item("Selenium", [_item("WebDriver")]), _item("Playwright")]},
        },
        {"type": "heading", "value": {"level": "h3", "text": "Code"}},
        {"type": "code", "value": {"language": "python", "code": WIDE_CODE, "caption": "managers.py"}},
        {"type": "code", "value": {"language": "text", "code": "$ python manage.py test\nOK\n", "caption": ""}},
        {"type": "heading", "value": {"level": "h4", "text": "Plain output"}},
        {"type": "heading", "value": {"level": "h2", "text": "Images and tables"}},
        {
            "type": "image",
            "value": {
                "image": {
                    "image": chart.pk,
                    "decorative": False,
                    "alt_text": "Bar chart: 96.3% of the top million homepages and about 95% of Django homepages "
                    "sampled have basic accessibility issues.",
                },
                "caption": "Homepages with accessibility issues.",
                "credit": "Drawn for this site",
            },
        },
        {
            "type": "image",
            "value": {"image": {"image": diagram.pk, "decorative": True, "alt_text": ""}, "caption": "", "credit": ""},
        },
        # The table block's own preview value: a caption, a header row and row headings.
        {"type": "table", "value": TableBlock().meta.preview_value},
    ]


def add_every_block_talk(body=None, slug=EVERY_BLOCK_SLUG, title="Every kind of block"):
    """Publish a talk on the demo's first day whose body uses every block (or `body`, unvalidated)."""
    day = DayPage.objects.order_by("path").first()
    stream_block = TalkPage.body.field.stream_block
    if body is None:
        value = stream_block.to_python(every_block_body())
        try:
            stream_block.clean(value)
        except ValidationError as error:
            raise AssertionError(f"The editor would refuse this body: {describe_error(error)}") from None
    else:
        value = stream_block.to_python(body)
    talk = TalkPage(title=title, slug=slug, kind="talk", summary="Every block type, for the accessibility tests.")
    talk.body = value
    talk.talk_speakers = [TalkSpeaker(speaker=Speaker.objects.order_by("name").first())]
    day.add_child(instance=talk)
    talk.tags.set(["accessibility", "testing"])
    talk.save_revision().publish()
    return talk
