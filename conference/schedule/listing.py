"""The event's "All talks" listing: its filters (plain GET parameters) and their options."""

from dataclasses import dataclass

from django.db import models
from taggit.models import Tag

from conference.models import DayPage, Speaker, TalkPage, Track
from conference.models.querysets import PATH_STEP
from conference.models.talks import TalkKind

FILTERS = ("day", "room", "track", "kind", "tag", "speaker")


@dataclass
class Option:
    value: str
    label: str
    selected: bool


@dataclass
class Filter:
    name: str
    label: str
    options: list

    @property
    def selected_label(self):
        return next((o.label for o in self.options if o.selected), None)


def attach_days(talks, days):
    """Give each talk its `day` (from `days`, by tree path): no query per talk."""
    by_path = {day.path: day for day in days}
    for talk in talks:
        talk.day = by_path.get(talk.path[:-PATH_STEP])
    return talks


def event_talks(event, params):
    """(talks, filters, days) for the event's "All talks" page, filtered by `params` (request.GET)."""
    chosen = {name: params.get(name, "").strip() for name in FILTERS}
    days = list(DayPage.objects.child_of(event).live().public().numbered().order_by("path"))
    talks = TalkPage.objects.live().public().for_event(event)
    base = talks

    day = next((d for d in days if d.slug == chosen["day"]), None)
    if day:
        talks = talks.child_of(day)
    if chosen["room"]:
        talks = talks.filter(room=chosen["room"])
    if chosen["track"]:
        talks = talks.filter(track__slug=chosen["track"], track__event=event)
    if chosen["kind"]:
        talks = talks.of_kind(chosen["kind"])
    if chosen["tag"]:
        talks = talks.filter(tags__slug=chosen["tag"])
    if chosen["speaker"]:
        speaker = Speaker.objects.filter(slug=chosen["speaker"]).first()
        talks = talks.for_speaker(speaker) if speaker else talks.none()

    # The table shows each talk's tags: one query for all of them (read by `tags_by_name`).
    tags = models.Prefetch("tags", to_attr="tag_list")
    talks = list(talks.with_speakers().with_track().prefetch_related(tags).order_by("path"))
    attach_days(talks, days)
    talks.sort(key=lambda t: (t.path[:-PATH_STEP], t.start_time is None, _order(t), t.path))

    rooms = base.exclude(room="").order_by("room").values_list("room", flat=True).distinct()
    tags = Tag.objects.filter(conference_talkpagetag_items__content_object__in=base).distinct()
    speakers = Speaker.objects.filter(
        models.Q(talk_speakers__talk__in=base) | models.Q(lightning_talks__page__in=base)
    ).distinct()
    filters = [
        Filter("day", "Day", [Option(d.slug, d.label, d.slug == chosen["day"]) for d in days]),
        Filter("room", "Room", [Option(r, r, r == chosen["room"]) for r in rooms]),
        Filter(
            "track",
            "Track",
            [Option(t.slug, t.name, t.slug == chosen["track"]) for t in Track.objects.filter(event=event)],
        ),
        Filter("kind", "Kind", [Option(v, label, v == chosen["kind"]) for v, label in TalkKind.choices]),
        Filter("tag", "Tag", [Option(t.slug, t.name, t.slug == chosen["tag"]) for t in tags.order_by("name")]),
        Filter(
            "speaker",
            "Speaker",
            [Option(s.slug, s.name, s.slug == chosen["speaker"]) for s in speakers.order_by("name")],
        ),
    ]
    return talks, [f for f in filters if f.options], days


def _order(talk):
    from .timetable import minute_of_day

    return minute_of_day(talk.start_time) if talk.start_time else 0
