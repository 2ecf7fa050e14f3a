"""The one builder of test content: Event → Day → Talk trees, speakers and images.

Plain functions rather than factory classes: each builds pages the way an
editor's publish does (`add_child`, then a revision that is published), so
tests see live pages with revisions, search index entries and tree paths.
Images are Wagtail's own test images (`get_test_image_file`). At the end, a talk
on top of the demo that uses every kind of block, for the browser tests.
"""

import datetime
import uuid
from dataclasses import dataclass
from itertools import count

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from blocks.tables import TableBlock
from conference.demo.images import DEMO_IMAGES
from conference.models import DayPage, EventPage, LightningTalk, Speaker, TalkPage, TalkSpeaker
from conference.notes.indexing import deferred_search_index, index_at_end
from conference.notes.values import describe as describe_error
from home.models import HomePage

_numbers = count(1)

# The password of every user the tests make: one they can log in with through a real login form.
PASSWORD = "correct horse battery staple"  # noqa: S105 - test users only, never a real account

# A short talk body with a heading, a paragraph and a quote, in the stored (raw) form.
TALK_BODY = [
    {"type": "heading", "value": {"level": "h2", "text": "Why it matters"}},
    {"type": "paragraph", "value": "<p>Tests are <b>documentation</b>.</p>"},
    {
        "type": "quote",
        "value": {"text": "<p>Write the test first.</p>", "attribution": "Someone", "speaker": None, "source_url": ""},
    },
]


def home_page() -> HomePage:
    """The HomePage that the `home` migration makes the default site's root."""
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(page):
    """Publish the page as it is now through a revision, as the editor's Publish does; returns it reloaded."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _add(parent, page, *, live=True, tags=None):
    """Add `page` under `parent`, then publish it (or keep it as a draft).

    Wagtail updates the search and reference indexes on each of the three saves this makes (add,
    revision, publish); here they are updated once, for the page as it ends, as the importer does
    (`conference/notes/indexing.py`): the same indexes, in a third of the time.
    """
    page.live = live
    with disable_reference_index_auto_update(), deferred_search_index(True):
        parent.add_child(instance=page)
        if tags:
            page.tags.set(tags)
        revision = page.save_revision()
        if live:
            revision.publish()
    page = type(page).objects.get(pk=page.pk)
    index_at_end([page], [page], defer_indexing=True)
    return page


def make_event(title=None, *, start_date=datetime.date(2024, 5, 14), end_date=None, live=True, parent=None, **fields):
    n = next(_numbers)
    title = title or f"Test Conference {n}"
    page = EventPage(
        title=title,
        slug=fields.pop("slug", None) or f"{slugify(title)}-{n}",
        start_date=start_date,
        end_date=end_date or start_date + datetime.timedelta(days=2),
        location=fields.pop("location", "Test City"),
        **fields,
    )
    return _add(parent or home_page(), page, live=live)


def make_day(event, date=None, *, title=None, live=True, **fields):
    """A day of `event`; by default dated the day after its last existing day (or the event's first day)."""
    existing = DayPage.objects.child_of(event).count()
    date = date or event.start_date + datetime.timedelta(days=existing)
    title = title or f"Day {existing + 1}"
    page = DayPage(title=title, slug=fields.pop("slug", None) or f"day-{next(_numbers)}", date=date, **fields)
    return _add(event, page, live=live)


def make_speaker(name=None, **fields):
    n = next(_numbers)
    name = name or f"Speaker {n}"
    return Speaker.objects.create(name=name, slug=fields.pop("slug", None) or f"{slugify(name)}-{n}", **fields)


def make_talk(
    day,
    title=None,
    *,
    kind="talk",
    speakers=(),
    tags=(),
    body=(),
    lightning_talks=(),
    live=True,
    **fields,
):
    """A talk under `day`.

    `body` is a list of (block type, raw value) pairs, e.g. ("paragraph", "<p>Hi</p>");
    `lightning_talks` is a list of dicts with `title`, optional `speaker` and `notes`
    (the same pairs as `body`).
    """
    n = next(_numbers)
    title = title or f"Talk {n}"
    page = TalkPage(
        title=title,
        slug=fields.pop("slug", None) or f"{slugify(title)[:40]}-{n}",
        kind=kind,
        body=stream(body),
        **fields,
    )
    # sort_order numbered from 0, as the editor's inline panels number them.
    page.talk_speakers = [TalkSpeaker(speaker=speaker, sort_order=i) for i, speaker in enumerate(speakers)]
    page.lightning_talks = [
        LightningTalk(title=lt["title"], speaker=lt.get("speaker"), notes=stream(lt.get("notes", ())), sort_order=i)
        for i, lt in enumerate(lightning_talks)
    ]
    return _add(day, page, live=live, tags=list(tags))


def stream(blocks):
    """Raw StreamField data from (block type, value) pairs, or from raw blocks (dicts) as they are."""
    return [block if isinstance(block, dict) else {"type": block[0], "value": block[1]} for block in blocks]


def paragraph(html):
    """A paragraph body block in the stored (raw) form."""
    return {"type": "paragraph", "value": html}


def figure(image, alt="A blue test card", caption=""):
    """An image body block in the stored (raw) form."""
    value = {"image": {"image": image.pk, "alt_text": alt, "decorative": False}, "caption": caption, "credit": ""}
    return {"type": "image", "value": value}


def body_state(raw_blocks, model=TalkPage):
    """The editor's JSON state for a body given as raw blocks, as the page form posts it."""
    block = model.body.field.stream_block
    return block.get_form_state(block.to_python(raw_blocks))


# --- Images: Wagtail's test images -----------------------------------------------------------------


def image_file(name="test.png", size=(64, 48), colour=(30, 90, 160)):
    """A PNG file of one colour (Wagtail's `get_test_image_file`), ready for an image's `file`."""
    return get_test_image_file(filename=name, colour=colour, size=size)


def png_bytes(width=640, height=480, colour=(30, 90, 160)) -> bytes:
    """The bytes of a one-colour PNG, e.g. to upload through a form or over HTTP."""
    return image_file(size=(width, height), colour=colour).file.getvalue()


def make_image(title="Slide 1", size=(64, 48), *, filename=None, colour=(30, 90, 160)):
    """An image in the library; its file is named after the title unless `filename` is given."""
    filename = filename or title.lower().replace(" ", "-") + ".png"
    return get_image_model().objects.create(title=title, file=image_file(filename, size, colour))


def bullet_list(*texts):
    """The raw value of a one-level bulleted list block."""
    return {"style": "bulleted", "items": [{"text": f"<p>{escape(text)}</p>", "blocks": []} for text in texts]}


@dataclass
class EventTree:
    event: EventPage
    day: DayPage
    talk: TalkPage


def build_event(title: str, slug: str, start: datetime.date, location="Durham, NC") -> EventTree:
    """A one-day event with its day ("day-1") and one published talk ("opening", body TALK_BODY)."""
    event = make_event(title, slug=slug, start_date=start, end_date=start, location=location)
    day = make_day(event, start, title="Day 1", slug="day-1")
    talk = make_talk(day, f"Opening of {title}", slug="opening", body=TALK_BODY)
    return EventTree(event=event, day=day, talk=talk)


def make_event_tree(days=3, talks_per_day=3, **event_fields):
    """An event with `days` days of `talks_per_day` plain talks each; returns (event, [days], [talks])."""
    event = make_event(**event_fields)
    day_pages, talks = [], []
    for _ in range(days):
        day = make_day(event)
        day_pages.append(day)
        talks += [make_talk(day) for _ in range(talks_per_day)]
    return event, day_pages, talks


# --- A talk on the demo that uses every kind of block ----------------------------------------------
# No demo talk has them all (and none has a decorative image), so this one is added for the
# browser tests. Its body is validated exactly as the editor validates it before it is published,
# so it is content an editor could really publish.

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
