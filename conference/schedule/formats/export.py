"""An event's schedule as c3voc/pretalx `schedule.json` and frab `schedule.xml`.

Both follow the published schemas of the voc/schedule repository (validator/json/schema.json,
validator/xsd/schedule.xml.xsd); conference/schedule/tests/ checks every rule they state.
What the formats cannot say is left out rather than bent: a talk without a start time is not
in the schedule (the formats need one), an unknown end is a duration of 00:00, and the XML has
no place for a talk's address or a person's guid.
"""

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags
from django.utils.text import slugify

from conference.models import DayPage, TalkPage
from conference.models.querysets import PATH_STEP
from conference.models.schedule import ACRONYM_PATTERN, DAY_CHANGE

from ..places import ends_at, starts_at

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = {"name": "Conference Notes", "version": "1"}
# The JSON schema's pattern for time_zone_name; a zone it does not accept is left out (it is optional).
TIME_ZONE_NAME_PATTERN = r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$"
TIMESLOT = "00:05"


def acronym_of(event) -> str:
    """The event's acronym, or one made from its slug that fits the format's pattern."""
    if event.acronym:
        return event.acronym
    made = re.sub(r"[^a-z0-9_]", "_", event.slug.lower())
    return made if re.search(ACRONYM_PATTERN, made) else (made + "_conf")[:64]


def hours_minutes(delta: timedelta | None) -> str:
    minutes = int(delta.total_seconds() // 60) if delta else 0
    return f"{minutes // 60:02}:{minutes % 60:02}"


def talk_slug(acronym: str, talk) -> str:
    # pretalx's shape, {event}-{id}-{title}, cut to the format's pattern (ends in a letter or digit).
    return f"{acronym}-{talk.pk}-{slugify(talk.title)[:50]}".strip("-_")


def room_guid(event_url: str, room: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{event_url}#room={room}"))


class ScheduleExport:
    """Reads an event's schedule once; `as_json()` and `as_xml()` render it."""

    def __init__(self, event, absolute):
        """`absolute(path)` makes an address absolute (from the request, or the site's root URL)."""
        self.event = event
        self.absolute = absolute
        self.acronym = acronym_of(event)
        self.event_url = absolute(event.url)
        self.days = list(DayPage.objects.child_of(event).live().public().order_by("path"))
        day_by_path = {day.path: day for day in self.days}
        talks = (
            TalkPage.objects.live()
            .public()
            .for_event(event)
            .exclude(start_time=None)
            .with_speakers()
            .with_track()
            .prefetch_related("links")
            .order_by("path")
        )
        self.talks_by_day = {day.path: [] for day in self.days}
        for talk in talks:
            talk.day, talk.event = day_by_path.get(talk.path[:-PATH_STEP]), event
            if talk.day is not None:
                self.talks_by_day[talk.day.path].append(talk)
        for day_talks in self.talks_by_day.values():
            day_talks.sort(key=lambda t: (starts_at(t), t.room, t.path))
        self.rooms = sorted({t.room for ts in self.talks_by_day.values() for t in ts})
        self.version = max(
            [p.last_published_at for p in [event, *self.days] if p.last_published_at]
            + [t.last_published_at for ts in self.talks_by_day.values() for t in ts if t.last_published_at],
            default=None,
        )

    # -- shared ------------------------------------------------------------------------------------

    def day_bounds(self, day) -> tuple[datetime, datetime]:
        talks = self.talks_by_day[day.path]
        if talks:
            return min(starts_at(t) for t in talks), max(ends_at(t) or starts_at(t) for t in talks)
        zone = ZoneInfo(self.event.time_zone)
        start = datetime.combine(day.date, DAY_CHANGE, tzinfo=zone)
        return start, datetime.combine(day.date + timedelta(days=1), DAY_CHANGE, tzinfo=zone) - timedelta(minutes=1)

    def rooms_of(self, day) -> dict[str, list]:
        rooms: dict[str, list] = {}
        for talk in self.talks_by_day[day.path]:
            rooms.setdefault(talk.room, []).append(talk)
        return rooms

    # -- schedule.json -----------------------------------------------------------------------------

    def talk_json(self, talk) -> dict:
        return {
            "id": talk.pk,
            "guid": str(talk.guid),
            "date": starts_at(talk).isoformat(),
            "start": f"{talk.start_time:%H:%M}",
            "duration": hours_minutes(talk.duration),
            "room": talk.room,
            "slug": talk_slug(self.acronym, talk),
            "url": self.absolute(talk.url),
            "title": talk.title,
            "subtitle": "",
            "track": talk.track.name if talk.track else None,
            "type": talk.kind,
            "language": talk.language or self.event.language_code,
            "abstract": talk.summary,
            "description": None,
            "persons": [self.person_json(ts.speaker) for ts in talk.talk_speakers.all()],
            "links": [{"type": link.kind, "title": link.label, "url": link.url} for link in talk.links.all()],
        }

    def person_json(self, speaker) -> dict:
        person = {"id": speaker.pk, "guid": str(speaker.guid), "name": speaker.name}
        if speaker.bio:
            person["biography"] = speaker.bio
        return person

    def as_json(self) -> dict:
        event = self.event
        conference = {
            "acronym": self.acronym,
            "title": event.title,
            "start": event.start_date.isoformat(),
            "end": event.end_date.isoformat(),
            "daysCount": len(self.days),
            "timeslot_duration": TIMESLOT,
            "url": self.event_url,
        }
        if re.search(TIME_ZONE_NAME_PATTERN, event.time_zone):
            conference["time_zone_name"] = event.time_zone
        if event.intro:
            conference["description"] = strip_tags(event.intro)
        tracks = list(event.tracks.all())
        if tracks:
            conference["tracks"] = [{"name": t.name, **({"color": t.color} if t.color else {})} for t in tracks]
        conference["rooms"] = [{"name": room, "guid": room_guid(self.event_url, room)} for room in self.rooms]
        conference["days"] = []
        for index, day in enumerate(self.days, start=1):
            start, end = self.day_bounds(day)
            conference["days"].append(
                {
                    "index": index,
                    "date": day.date.isoformat(),
                    "day_start": start.isoformat(),
                    "day_end": end.isoformat(),
                    "rooms": {room: [self.talk_json(t) for t in talks] for room, talks in self.rooms_of(day).items()},
                }
            )
        return {
            "$schema": SCHEMA_URL,
            "generator": GENERATOR,
            "schedule": {
                "version": self.version.isoformat() if self.version else "1",
                "base_url": self.absolute("/"),
                "conference": conference,
            },
        }

    # -- schedule.xml (frab) -----------------------------------------------------------------------

    def as_xml(self) -> bytes:
        root = ET.Element("schedule")
        ET.SubElement(root, "version").text = self.version.isoformat() if self.version else "1"
        conference = ET.SubElement(root, "conference")
        for name, value in (
            ("title", self.event.title),
            ("acronym", self.acronym),
            ("start", self.event.start_date.isoformat()),
            ("end", self.event.end_date.isoformat()),
            ("days", str(len(self.days))),
            ("timeslot_duration", TIMESLOT),
        ):
            ET.SubElement(conference, name).text = value
        for index, day in enumerate(self.days, start=1):
            start, end = self.day_bounds(day)
            attrs = {"index": str(index), "date": day.date.isoformat(), "start": start.isoformat()}
            day_element = ET.SubElement(root, "day", {**attrs, "end": end.isoformat()})
            for room, talks in self.rooms_of(day).items():
                room_element = ET.SubElement(day_element, "room", {"name": room})
                for talk in talks:
                    self.talk_xml(room_element, talk)
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)

    def talk_xml(self, parent, talk):
        element = ET.SubElement(parent, "event", {"id": str(talk.pk), "guid": str(talk.guid)})
        for name, value in (
            ("date", starts_at(talk).isoformat()),
            ("start", f"{talk.start_time:%H:%M}"),
            ("duration", hours_minutes(talk.duration)),
            ("room", talk.room),
            ("slug", talk_slug(self.acronym, talk)),
            ("title", talk.title),
            ("subtitle", ""),
            ("track", talk.track.name if talk.track else ""),
            ("type", talk.kind),
            ("language", talk.language or self.event.language_code),
            ("abstract", talk.summary),
        ):
            ET.SubElement(element, name).text = value
        persons = ET.SubElement(element, "persons")
        for ts in talk.talk_speakers.all():
            ET.SubElement(persons, "person", {"id": str(ts.speaker.pk)}).text = ts.speaker.name
        links = ET.SubElement(element, "links")
        for link in talk.links.all():
            ET.SubElement(links, "link", {"href": link.url}).text = link.label
