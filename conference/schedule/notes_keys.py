"""The schedule's keys in the notes format: `timezone:` (front matter), `track:`, `end:`, `duration:`, `links:`.

Kept here so the notes modules (conference/notes/) each call one function: the parser reads
the keys, values.py applies them, pages.py compares and exports them, writer.py writes them.

    ---
    timezone: America/New_York
    ---
    ## A talk
    time: 10:00
    duration: 45            (minutes, or H:MM; or `end: 10:45`)
    track: Web
    links: Slides https://example.org/slides.pdf; Recording https://media.example.org/talk
"""

import datetime
import re

from django.utils.text import slugify

from conference.models.schedule import LinkKind, default_time_zone, is_time_zone

EVENT_KEYS = ("timezone",)
TALK_KEYS = ("track", "end", "duration", "links")
LINK_KINDS = {kind.label.lower(): kind.value for kind in LinkKind} | {k.value: k.value for k in LinkKind}
LINK_KINDS |= {"video": LinkKind.RECORDING, "code": LinkKind.CODE, "repository": LinkKind.CODE}


def read_event_keys(parser, event, meta):
    value, line = meta.get("timezone", ("", 0))
    value = value.strip()
    if value and not is_time_zone(value):
        parser.problem(line, f"{value!r} is not a time zone", "use an IANA name, e.g. `timezone: America/New_York`")
        return
    event.time_zone = value


def event_time_zone(spec) -> str:
    """The event's time zone from its notes: `timezone:`, or the default when the notes give none."""
    return spec.time_zone or default_time_zone()


def written_time_zone(page) -> str:
    """What `timezone:` says for an event: nothing for the default, so notes without it round-trip."""
    return "" if page.time_zone == default_time_zone() else page.time_zone


def read_talk_keys(parser, talk, meta):
    talk.track = meta.get("track", ("", 0))[0].strip()
    if "end" in meta and "duration" in meta:
        parser.problem(meta["duration"][1], "both `end:` and `duration:` are given", "keep one of them")
    elif "end" in meta:
        value, line = meta["end"]
        try:
            talk.end_time = datetime.datetime.strptime(value.strip(), "%H:%M").time()
        except ValueError:
            parser.problem(line, f"{value!r} is not a time", "write `end: 10:45` (24-hour clock)")
    elif "duration" in meta:
        value, line = meta["duration"]
        match = re.fullmatch(r"\s*(?:(\d+):(\d{2})|(\d+)\s*(?:min|minutes)?)\s*", value)
        if not match or talk.start_time is None:
            hint = "write `duration: 45` (minutes) or `duration: 1:30`, with a `time:` to start from"
            parser.problem(line, f"{value!r} is not a duration after a start time", hint)
        else:
            minutes = int(match[3]) if match[3] else int(match[1]) * 60 + int(match[2])
            start = datetime.datetime.combine(datetime.date(2000, 1, 1), talk.start_time)
            talk.end_time = (start + datetime.timedelta(minutes=minutes)).time()
    if "end" in meta or "duration" in meta:
        # Whether the end comes after the start is the talk page's own rule (TalkPage.clean),
        # reported by the importer at this line.
        talk.field_lines["end_time"] = (meta.get("end") or meta.get("duration"))[1]
    talk.links = []
    value, line = meta.get("links", ("", 0))
    for part in filter(None, (p.strip() for p in value.split(";"))):
        label, _, url = part.rpartition(" ")
        if not url.startswith(("https://", "http://")):
            parser.problem(line, f"{part!r} is not a link", "write `links: Slides https://…; Recording https://…`")
            continue
        kind = LINK_KINDS.get(label.strip().lower(), LinkKind.OTHER)
        title = "" if label.strip().lower() in LINK_KINDS else label.strip()
        talk.links.append((kind, title, url))


def apply_talk(page, spec, event):
    """Set the talk's track (found or made under `event`) and links from its spec."""
    from conference.models import TalkLink, Track

    track = None
    if spec.track and event is not None:
        track = Track.objects.filter(event=event, name=spec.track).first()
        if track is None:
            track = Track.objects.create(event=event, name=spec.track, slug=slugify(spec.track)[:100] or "track")
    page.track = track
    page.links = [TalkLink(kind=k, title=t, url=u, sort_order=n) for n, (k, t, u) in enumerate(spec.links)]


def talk_state(spec) -> dict:
    return {"track": spec.track, "links": list(spec.links)}


def talk_fields(page) -> dict:
    """The spec fields of a talk page, for export."""
    return {
        "track": page.track.name if page.track_id else "",
        "links": [(link.kind, link.title, link.url) for link in page.links.all()],
    }


def write_talk_keys(talk) -> list[tuple[str, str]]:
    links = "; ".join(f"{title or LinkKind(kind).label} {url}" for kind, title, url in talk.links)
    return [("track", talk.track), ("links", links)]
