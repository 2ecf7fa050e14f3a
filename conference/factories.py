"""Builders of an Event → Day → Talk tree for tests.

Plain functions rather than factory classes: each builds pages the way an
editor's publish does (`add_child`, then a revision that is published), so
tests see live pages with revisions, search index entries and tree paths.
"""

import datetime
from itertools import count

from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Site

from conference.models import DayPage, EventPage, LightningTalk, Speaker, TalkPage, TalkSpeaker
from home.models import HomePage

_numbers = count(1)


def home_page() -> HomePage:
    """The HomePage that the `home` migration makes the default site's root."""
    return Site.objects.get(is_default_site=True).root_page.specific


def _add(parent, page, *, live=True, tags=None):
    """Add `page` under `parent`, then publish it (or keep it as a draft)."""
    page.live = live
    parent.add_child(instance=page)
    if tags:
        page.tags.set(tags)
    revision = page.save_revision()
    if live:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


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
    """Raw StreamField data from (block type, value) pairs."""
    return [{"type": block_type, "value": value} for block_type, value in blocks]


def bullet_list(*texts):
    """The raw value of a one-level bulleted list block."""
    return {"style": "bulleted", "items": [{"text": f"<p>{escape(text)}</p>", "blocks": []} for text in texts]}


def make_event_tree(days=3, talks_per_day=3, **event_fields):
    """An event with `days` days of `talks_per_day` plain talks each; returns (event, [days], [talks])."""
    event = make_event(**event_fields)
    day_pages, talks = [], []
    for _ in range(days):
        day = make_day(event)
        day_pages.append(day)
        talks += [make_talk(day) for _ in range(talks_per_day)]
    return event, day_pages, talks
