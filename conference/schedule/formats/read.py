"""Read a c3voc/pretalx schedule.json or a frab schedule.xml into plain data.

Syntax only: every value that is missing or malformed is a problem named by where it is,
a JSON path (`$.schedule.conference.days[0].rooms["Hall A"][2].duration`) or `file:line` for
XML. The importer applies the models' own rules afterwards.
"""

import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime

from defusedxml.ElementTree import DefusedXMLParser

from conference.models.language import language_tag_error, standard_tag

LINK_MAX = 500  # TalkLink.url's max_length


class ScheduleError(Exception):
    """Problems in a schedule file, each as "where: what"."""

    def __init__(self, source: str, problems: list[str]):
        self.source, self.problems = source, problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{self.source}: {problem}" for problem in self.problems]


@dataclass
class Person:
    name: str
    guid: uuid.UUID | None = None
    biography: str = ""


@dataclass
class Link:
    url: str
    title: str = ""
    kind: str = ""


@dataclass
class Talk:
    where: str
    guid: uuid.UUID
    title: str
    starts: datetime  # aware
    minutes: int
    room: str = ""
    track: str = ""
    type: str = ""
    abstract: str = ""
    language: str = ""  # a BCP 47 tag, standardised (pretalx writes "pt-br")
    persons: list[Person] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass
class Schedule:
    title: str
    acronym: str
    start: date | None = None
    end: date | None = None
    time_zone: str = ""
    day_dates: list[date] = field(default_factory=list)
    tracks: dict[str, str] = field(default_factory=dict)  # name -> colour
    talks: list[Talk] = field(default_factory=list)


def derived_guid(namespace: str, kind: str, number) -> uuid.UUID:
    """A stable guid for a file's talk or person that has only an integer id (older frab files)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"schedule:{namespace}/{kind}/{number}")


def read_schedule(data: bytes, source: str) -> Schedule:
    text = data.lstrip()
    if text.startswith(b"<"):
        return XmlReader(data, source).read()
    return JsonReader(data, source).read()


class Reader:
    def __init__(self, data: bytes, source: str):
        self.data, self.source, self.problems = data, source, []

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    def add_talk(self, schedule, talk, **details):
        """Keep a talk whose guid, start, duration and title were read (the problems are already noted)."""
        for link in talk.links:
            # Links become `href`s on the talk page: only web addresses, never `javascript:` and the like.
            if not re.match(r"^https?://[^\s]+$", link.url) or len(link.url) > LINK_MAX:
                self.problem(
                    talk.where, f"the link “{link.url[:80]}” is not an http(s) address of at most {LINK_MAX} characters"
                )
        language = (details.pop("language", "") or "").strip()
        if language:
            if language_tag_error(language) and language_tag_error(standard_tag(language)):
                self.problem(
                    talk.where, f"language: “{language[:40]}” is not a BCP 47 language tag (e.g. en, de, pt-BR)"
                )
            else:
                details["language"] = standard_tag(language)
        if None not in (talk.guid, talk.starts, talk.minutes) and talk.title:
            for name, value in details.items():
                setattr(talk, name, value)
            schedule.talks.append(talk)

    def finish(self, schedule):
        if self.problems:
            raise ScheduleError(self.source, self.problems)
        return schedule

    def parse_date(self, where, value) -> date | None:
        try:
            return date.fromisoformat(str(value)[:10])
        except (TypeError, ValueError):
            self.problem(where, f"“{value}” is not a date (YYYY-MM-DD)")

    def parse_datetime(self, where, value) -> datetime | None:
        try:
            parsed = datetime.fromisoformat(str(value))
        except (TypeError, ValueError):
            self.problem(where, f"“{value}” is not a date and time (e.g. 2024-10-26T10:00:00+02:00)")
            return None
        if parsed.tzinfo is None:
            self.problem(where, f"“{value}” has no time-zone offset (e.g. +02:00)")
            return None
        return parsed

    def parse_minutes(self, where, value) -> int | None:
        match = re.fullmatch(r"(\d+):([0-5]\d)(?::\d{1,2})?", str(value or "").strip())
        if not match:
            self.problem(where, f"“{value}” is not a duration as H:MM")
            return None
        return int(match[1]) * 60 + int(match[2])

    def parse_guid(self, where, value) -> uuid.UUID | None:
        try:
            return uuid.UUID(str(value))
        except ValueError:
            self.problem(where, f"“{value}” is not a UUID")


class JsonReader(Reader):
    def read(self) -> Schedule:
        try:
            document = json.loads(self.data)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            line = getattr(error, "lineno", 0)
            raise ScheduleError(self.source, [f"line {line}: not valid JSON ({error})"]) from None
        conference = (document.get("schedule") or {}).get("conference") if isinstance(document, dict) else None
        if not isinstance(conference, dict):
            raise ScheduleError(self.source, ["$.schedule.conference: missing (is this a schedule.json?)"])
        at = "$.schedule.conference"
        schedule = Schedule(
            title=self.text(conference, "title", at, required=True),
            acronym=self.text(conference, "acronym", at, required=True),
            time_zone=conference.get("time_zone_name") or "",
        )
        schedule.start = self.parse_date(f"{at}.start", conference.get("start")) if conference.get("start") else None
        schedule.end = self.parse_date(f"{at}.end", conference.get("end")) if conference.get("end") else None
        for track in conference.get("tracks") or []:
            if isinstance(track, dict) and track.get("name"):
                schedule.tracks[track["name"]] = track.get("color") or ""
        for d, day in enumerate(conference.get("days") or []):
            where = f"{at}.days[{d}]"
            day_date = self.parse_date(f"{where}.date", day.get("date"))
            if day_date:
                schedule.day_dates.append(day_date)
            rooms = day.get("rooms")
            if not isinstance(rooms, dict):
                self.problem(f"{where}.rooms", "missing: an object of room name → talks")
                continue
            for room, talks in rooms.items():
                for t, talk in enumerate(talks or []):
                    self.read_talk(schedule, talk, f"{where}.rooms[{json.dumps(room)}][{t}]", room)
        return self.finish(schedule)

    def text(self, obj, key, where, required=False) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.problem(f"{where}.{key}", "missing")
            return ""
        if not isinstance(value, str):
            self.problem(f"{where}.{key}", f"should be text, not {type(value).__name__}")
            return ""
        return value

    def read_talk(self, schedule, talk, where, room):
        if not isinstance(talk, dict):
            self.problem(where, "should be an object")
            return
        guid = self.parse_guid(f"{where}.guid", talk["guid"]) if talk.get("guid") else None
        if guid is None and isinstance(talk.get("id"), int):
            guid = derived_guid(schedule.acronym, "talk", talk["id"])
        elif guid is None:
            self.problem(f"{where}.guid", "missing (and no id to make one from)")
        starts = self.parse_datetime(f"{where}.date", talk.get("date"))
        minutes = self.parse_minutes(f"{where}.duration", talk.get("duration"))
        persons = []
        for p, person in enumerate(talk.get("persons") or []):
            name = (person.get("name") or person.get("public_name") or "").strip() if isinstance(person, dict) else ""
            if not name:
                self.problem(f"{where}.persons[{p}].name", "missing")
                continue
            pguid = self.parse_guid(f"{where}.persons[{p}].guid", person["guid"]) if person.get("guid") else None
            if pguid is None and isinstance(person.get("id"), int):
                pguid = derived_guid(schedule.acronym, "person", person["id"])
            persons.append(Person(name=name, guid=pguid, biography=person.get("biography") or ""))
        links = []
        for item in talk.get("links") or []:
            if isinstance(item, str):
                links.append(Link(url=item))
            elif isinstance(item, dict) and item.get("url"):
                links.append(Link(url=item["url"], title=item.get("title") or "", kind=item.get("type") or ""))
        title = self.text(talk, "title", where, required=True)
        self.add_talk(
            schedule,
            Talk(where, guid, title, starts, minutes, persons=persons, links=links),
            room=talk.get("room") or room,
            track=talk.get("track") or "",
            type=talk.get("type") or "",
            abstract=talk.get("abstract") or "",
            language=talk.get("language") if isinstance(talk.get("language"), str) else "",
        )


class XmlReader(Reader):
    def read(self) -> Schedule:
        builder = _LineTreeBuilder()
        parser = DefusedXMLParser(target=builder)
        builder.parser = parser
        try:
            parser.feed(self.data)
            root = parser.close()
        except ET.ParseError as error:
            raise ScheduleError(self.source, [f"line {error.position[0]}: not well-formed XML ({error})"]) from None
        except Exception as error:  # defusedxml refuses entities and external references
            raise ScheduleError(self.source, [f"refused: {error}"]) from None
        self.lines = builder.lines
        if root.tag != "schedule" or root.find("conference") is None:
            raise ScheduleError(self.source, ["line 1: not a frab schedule (<schedule> with a <conference>)"])
        conference = root.find("conference")
        schedule = Schedule(
            title=self.child_text(conference, "title", required=True),
            acronym=self.child_text(conference, "acronym", required=True),
        )
        if conference.findtext("start"):
            schedule.start = self.parse_date(self.at(conference.find("start")), conference.findtext("start"))
        if conference.findtext("end"):
            schedule.end = self.parse_date(self.at(conference.find("end")), conference.findtext("end"))
        schedule.time_zone = (conference.findtext("time_zone_name") or "").strip()
        for day in root.findall("day"):
            day_date = self.parse_date(self.at(day), day.get("date"))
            if day_date:
                schedule.day_dates.append(day_date)
            for room in day.findall("room"):
                for talk in room.findall("event"):
                    self.read_talk(schedule, talk, room.get("name") or "")
        return self.finish(schedule)

    def at(self, element, fallback=None) -> str:
        """`line N` of `element`, or of `fallback` when the element is missing."""
        found = element if element is not None else fallback
        return f"line {self.lines.get(found, 0)}"

    def child_text(self, element, name, required=False) -> str:
        value = (element.findtext(name) or "").strip()
        if required and not value:
            self.problem(self.at(element), f"<{element.tag}> needs a <{name}>")
        return value

    def read_talk(self, schedule, talk, room):
        where = self.at(talk)
        guid = self.parse_guid(where, talk.get("guid")) if talk.get("guid") else None
        if guid is None and (talk.get("id") or "").isdigit():
            guid = derived_guid(schedule.acronym, "talk", talk.get("id"))
        elif guid is None:
            self.problem(where, "<event> needs a guid or an id")
        starts = self.parse_datetime(self.at(talk.find("date"), talk), talk.findtext("date"))
        minutes = self.parse_minutes(self.at(talk.find("duration"), talk), talk.findtext("duration"))
        title = self.child_text(talk, "title", required=True)
        persons = []
        for person in talk.findall("persons/person"):
            name = (person.text or "").strip()
            pid = person.get("id")
            pguid = derived_guid(schedule.acronym, "person", pid) if (pid or "").isdigit() else None
            if name:
                persons.append(Person(name=name, guid=pguid))
        links = [
            Link(url=link.get("href"), title=(link.text or "").strip())
            for link in talk.findall("links/link")
            if link.get("href")
        ]
        self.add_talk(
            schedule,
            Talk(where, guid, title, starts, minutes, persons=persons, links=links),
            room=(talk.findtext("room") or room).strip(),
            track=(talk.findtext("track") or "").strip(),
            type=(talk.findtext("type") or "").strip(),
            abstract=(talk.findtext("abstract") or "").strip(),
            language=talk.findtext("language") or "",
        )


class _LineTreeBuilder(ET.TreeBuilder):
    """Remembers the line each element starts on, for `file:line` errors."""

    def __init__(self):
        super().__init__()
        self.lines, self.parser = {}, None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.lines[element] = self.parser.parser.CurrentLineNumber
        return element
