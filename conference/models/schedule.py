"""What the schedule adds to the page models: time zones, tracks, talk links and the rules on them.

Kept apart from events.py and talks.py so the schedule's fields and rules live in one place;
those modules only declare the fields with the helpers below.
"""

import functools
import re
import uuid
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

# The c3voc schedule format's rule for a conference acronym (validator/json/schema.json).
ACRONYM_PATTERN = r"^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$"

# A talk that starts before this time belongs to the night after its day (frab's "day_change"):
# a 00:30 session on the 27th's page is on the 28th at 00:30, and sorts after the 27th's evening.
DAY_CHANGE = time(4, 0)


def default_time_zone() -> str:
    return getattr(settings, "CONFERENCE_DEFAULT_TIME_ZONE", settings.TIME_ZONE)


def validate_time_zone(name: str):
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "“%(name)s” is not a time zone name: use an IANA name such as Europe/Berlin or America/New_York.",
            params={"name": name},
        ) from None


def validate_acronym(value: str):
    if value and not re.search(ACRONYM_PATTERN, value):
        raise ValidationError(
            "Use lower-case letters, digits and underscores, at least four, e.g. djangocon_us_2023 "
            "(the schedule format's rule)."
        )


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    """The IANA zone names the machine's tz database knows, sorted.

    Read once per process: `zoneinfo.available_timezones()` walks the whole database on disk
    (about 10 ms), and every full_clean of an event checks its zone against these names.
    """
    return tuple(sorted(zoneinfo.available_timezones()))


def is_time_zone(name: str) -> bool:
    return name in _time_zone_set()


@functools.cache
def _time_zone_set() -> frozenset[str]:
    return frozenset(time_zone_names())


def time_zone_choices():
    return [(name, name) for name in time_zone_names()]


def talk_date(day_date: date, start_time: time | None) -> date:
    """The calendar date a talk starts on: its day's, or the next one for a talk after midnight."""
    if start_time is not None and start_time < DAY_CHANGE:
        return day_date + timedelta(days=1)
    return day_date


def talk_start(day_date: date, start_time: time | None, tz_name: str) -> datetime | None:
    if start_time is None or day_date is None:
        return None
    return datetime.combine(talk_date(day_date, start_time), start_time, tzinfo=zoneinfo.ZoneInfo(tz_name))


def talk_duration(start_time: time | None, end_time: time | None) -> timedelta | None:
    """The length of a talk from its start and end times; an end before the start is after midnight."""
    if start_time is None or end_time is None:
        return None
    minutes = (end_time.hour * 60 + end_time.minute) - (start_time.hour * 60 + start_time.minute)
    if minutes <= 0:
        minutes += 24 * 60
    return timedelta(minutes=minutes)


def talk_end(day_date: date, start_time, end_time, tz_name: str) -> datetime | None:
    start = talk_start(day_date, start_time, tz_name)
    duration = talk_duration(start_time, end_time)
    if start is None or duration is None:
        return None
    # Wall-clock arithmetic: a talk from 01:30 to 03:30 on a DST night lasts two hours on the clock.
    return datetime.combine(start.date(), start.time(), tzinfo=start.tzinfo) + duration


def schedule_time_errors(start_time, end_time) -> dict:
    """The time rules of a talk, for TalkPage.clean()."""
    if end_time and not start_time:
        return {"start_time": "A talk with an end time needs a start time."}
    # An end before the start is allowed only in the early hours: a session running past midnight.
    if start_time and end_time and (end_time == start_time or DAY_CHANGE < end_time < start_time):
        return {"end_time": "The end time must be after the start time."}
    return {}


class Track(models.Model):
    """A track of one event (e.g. "Web", "Data"): talks belong to at most one."""

    event = models.ForeignKey("conference.EventPage", on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, help_text="Used in the track's calendar address.")
    color = models.CharField(
        max_length=7,
        blank=True,
        help_text="Optional, as #rrggbb, for conference apps that colour tracks.",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour as #rrggbb, e.g. #1a6b3c.")],
    )

    panels = [FieldPanel("event"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("color")]

    class Meta:
        ordering = ["event", "name"]
        constraints = [models.UniqueConstraint(fields=["event", "slug"], name="unique_track_slug_per_event")]

    def __str__(self):
        return self.name


class LinkKind(models.TextChoices):
    SLIDES = "slides", "Slides"
    RECORDING = "recording", "Recording"
    CODE = "code", "Code repository"
    OTHER = "other", "Other"


class TalkLink(Orderable):
    """A link from a talk: its slides, its recording, its code, or anything else."""

    talk = ParentalKey("conference.TalkPage", on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=LinkKind.choices, default=LinkKind.OTHER)
    title = models.CharField(max_length=255, blank=True, help_text="Optional; the kind is used when empty.")
    url = models.URLField("Address", max_length=500)

    panels = [FieldPanel("kind"), FieldPanel("title"), FieldPanel("url")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.title or self.get_kind_display()


def new_guid():
    return uuid.uuid4()
