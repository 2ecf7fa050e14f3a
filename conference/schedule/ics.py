"""Calendars (.ics) of an event, a day, a talk, a speaker or a track, made with `icalendar`.

Times carry their event's time zone (TZID, with a VTIMEZONE for each zone used), so a
calendar shows them right wherever its reader is, across daylight-saving changes.
A talk without a time becomes an all-day entry on its day; the event itself is an
all-day entry over its dates. Each talk's UID is its guid, so a calendar that is
subscribed to updates a moved talk instead of adding a second one.
"""

import uuid
from datetime import timedelta

import icalendar
from django.http import HttpResponse
from django.utils.text import slugify

from .places import attach_day_and_event, ends_at, starts_at

PRODID = "-//Conference Notes//Schedule//EN"


def talk_entry(talk, request) -> icalendar.Event:
    """One VEVENT for a talk (after attach_day_and_event)."""
    entry = icalendar.Event()
    url = request.build_absolute_uri(talk.url)
    entry.add("uid", str(talk.guid))
    entry.add("summary", talk.title)
    entry.add("dtstamp", talk.last_published_at or talk.latest_revision_created_at or talk.event.last_published_at)
    start = starts_at(talk)
    if start is None:
        entry.add("dtstart", talk.day.date)
        entry.add("dtend", talk.day.date + timedelta(days=1))
    else:
        entry.add("dtstart", start)
        end = ends_at(talk)
        if end is not None:
            entry.add("dtend", end)
    entry.add("url", url)
    entry.add("description", "\n\n".join(part for part in (talk.summary, f"Notes: {url}") if part))
    location = ", ".join(part for part in (talk.room, talk.event.location) if part)
    if location:
        entry.add("location", location)
    entry.add("categories", [talk.get_kind_display()] + ([talk.track.name] if talk.track_id else []))
    speakers = [ts.speaker.name for ts in talk.talk_speakers.all()]
    if speakers:
        entry.add("x-speakers", ", ".join(speakers))
    return entry


def event_entry(event, request) -> icalendar.Event:
    """The event itself, all day over its dates (DTEND is the day after, as RFC 5545 wants)."""
    entry = icalendar.Event()
    entry.add("uid", str(uuid.uuid5(uuid.NAMESPACE_URL, request.build_absolute_uri(event.url))))
    entry.add("summary", event.title)
    entry.add("dtstamp", event.last_published_at or event.latest_revision_created_at)
    entry.add("dtstart", event.start_date)
    entry.add("dtend", event.end_date + timedelta(days=1))
    entry.add("url", request.build_absolute_uri(event.url))
    entry.add("location", event.location)
    return entry


def build_calendar(name: str, talks, request, *, event=None, time_zone=None) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if time_zone:
        calendar.add("x-wr-timezone", time_zone)
    if event is not None:
        calendar.add_component(event_entry(event, request))
    for talk in attach_day_and_event(talks):
        calendar.add_component(talk_entry(talk, request))
    calendar.add_missing_timezones()
    return calendar


def calendar_response(name: str, talks, request, **kwargs) -> HttpResponse:
    calendar = build_calendar(name, talks, request, **kwargs)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slugify(name) or "calendar"}.ics"'
    return response


def webcal(request, path: str) -> str:
    """A `webcal:` address for calendar apps to subscribe to (they fetch it over https or http)."""
    return f"webcal://{request.get_host()}{path}"
