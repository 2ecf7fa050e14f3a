"""Our own schemas, written from the rules that voc/schedule's published schemas state.

The published files (validator/json/schema.json and validator/xsd/schedule.xml.xsd in the
voc/schedule repository) are someone else's, under their own licence, so they are not copied
here: these are our restatement of their rules, rule by rule, in a JSON Schema (checked with
`jsonschema`) and an XSD (checked with `xmlschema`). What they cannot express is asserted in
the tests.
"""

import re
import uuid
from datetime import date, datetime
from urllib.parse import urlsplit

import jsonschema

DURATION = {"type": "string", "pattern": "^[0-9]+:[0-9]{2}$"}
NULLABLE_STRING = {"type": ["string", "null"]}

PERSON = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "guid": {"type": "string", "format": "uuid"},
        "id": {"type": "integer"},
    },
    # A person is either frab's (public_name and id) or pretalx's (name): exactly one.
    "oneOf": [
        {"type": "object", "required": ["public_name", "id"]},
        {
            "type": "object",
            "properties": {
                "code": {"type": "string", "pattern": "^[A-Z0-9]+$"},
                "name": {"type": "string"},
                "avatar": {"type": "string", "format": "uri"},
                "biography": {"type": "string"},
                "answers": {"type": "array"},
            },
            "required": ["name"],
        },
    ],
}

TALK = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer", "minimum": 1},
        "guid": {"type": "string", "format": "uuid"},
        "logo": {"type": "string", "format": "uri"},
        "date": {"type": "string", "format": "date-time"},
        "start": {"type": "string"},
        "duration": DURATION,
        "room": {"type": "string"},
        "slug": {"type": "string", "pattern": "^[a-z0-9_-]+[a-z0-9]$"},
        "url": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "subtitle": NULLABLE_STRING,
        "track": NULLABLE_STRING,
        "type": {"type": "string"},
        "language": {"type": "string"},
        "abstract": NULLABLE_STRING,
        "description": NULLABLE_STRING,
        "recording_license": {"type": "string"},
        "do_not_record": NULLABLE_STRING,
        "do_not_stream": NULLABLE_STRING,
        "persons": {"type": "array", "items": PERSON},
        "links": {"type": "array"},
        "attachments": {"type": "array"},
        "answers": {"type": "array"},
    },
    "required": [
        "abstract", "date", "duration", "guid", "id", "language", "links", "persons",
        "room", "slug", "start", "subtitle", "title", "track", "type", "url",
    ],
}  # fmt: skip

DAY = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "index": {"type": "integer"},
        "date": {"type": "string", "format": "date"},
        "day_start": {"type": "string", "format": "date-time"},
        "day_end": {"type": "string", "format": "date-time"},
        "rooms": {"type": "object", "additionalProperties": {"type": "array", "items": TALK}},
    },
    "required": ["date", "day_end", "day_start", "index", "rooms"],
}

CONFERENCE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "acronym", "days", "daysCount", "start", "end", "timeslot_duration"],
    "properties": {
        "acronym": {"type": "string", "pattern": "^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "start": {"type": "string"},
        "end": {"type": "string", "format": "date"},
        "daysCount": {"type": "integer"},
        "timeslot_duration": {"type": "string"},
        "time_zone_name": {"type": "string", "pattern": "^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$"},
        "logo": {"type": "string", "format": "uri"},
        "colors": {"type": "object"},
        "keywords": {"type": "array", "items": {"type": "string"}},
        "url": {"type": "string", "format": "uri"},
        "tracks": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "color": {"type": "string", "format": "color"}},
            },
        },
        "rooms": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string"},
                    "guid": {"type": "string", "format": "uuid"},
                    "description": NULLABLE_STRING,
                    "capacity": {"type": ["number", "null"]},
                },
                "required": ["guid", "name"],
            },
        },
        "meta": {"type": "object"},
        "days": {"type": "array", "items": DAY},
    },
}

SCHEDULE_JSON_RULES = {
    "$schema": "http://json-schema.org/draft-06/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["schedule"],
    "properties": {
        "$schema": {"type": "string"},
        "generator": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "version": {"type": "string"}, "url": {"type": "string"}},
        },
        "schedule": {
            "type": "object",
            "required": ["conference", "version"],
            "properties": {
                "version": {"type": "string"},
                "base_url": {"type": "string", "format": "uri"},
                "conference": CONFERENCE,
                "rooms": False,
            },
        },
    },
}

FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("uuid", raises=ValueError)
def _uuid(value):
    return str(uuid.UUID(value)) == value


@FORMATS.checks("date", raises=ValueError)
def _date(value):
    return bool(date.fromisoformat(value)) and len(value) == 10


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value):
    # RFC 3339: a date, a time and an offset (Z or ±hh:mm).
    return datetime.fromisoformat(value).tzinfo is not None and "T" in value


@FORMATS.checks("uri")
def _uri(value):
    # RFC 3986: an absolute URI has a scheme; no spaces or control characters anywhere.
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$", value)) and bool(urlsplit(value).scheme)


@FORMATS.checks("color")
def _color(value):
    return bool(re.fullmatch(r"#[0-9a-fA-F]{6}", value))


def json_errors(document) -> list[str]:
    validator = jsonschema.Draft6Validator(SCHEDULE_JSON_RULES, format_checker=FORMATS)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


SCHEDULE_XSD_RULES = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:simpleType name="hoursMinutes">
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9]{1,2}:[0-9]{2}(:[0-9]{1,2})?"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="clockTime">
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:complexType name="textWithId">
    <xs:simpleContent>
      <xs:extension base="xs:string"><xs:attribute name="id" type="xs:positiveInteger"/></xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="textWithHref">
    <xs:simpleContent>
      <xs:extension base="xs:string"><xs:attribute name="href" type="xs:string"/></xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="talk">
    <xs:all>
      <xs:element name="room" type="xs:string"/>
      <xs:element name="title" type="xs:string"/>
      <xs:element name="type" type="xs:string"/>
      <xs:element name="date" type="xs:dateTime"/>
      <xs:element name="start" type="clockTime"/>
      <xs:element name="duration" type="hoursMinutes"/>
      <xs:element name="abstract" type="xs:string"/>
      <xs:element name="slug" type="xs:string"/>
      <xs:element name="subtitle" type="xs:string"/>
      <xs:element name="track" type="xs:string"/>
      <xs:element name="language" type="xs:string" minOccurs="0"/>
      <xs:element name="description" type="xs:string" minOccurs="0"/>
      <xs:element name="recording" minOccurs="0">
        <xs:complexType>
          <xs:all>
            <xs:element name="license" type="xs:string"/>
            <xs:element name="optout" type="xs:boolean"/>
          </xs:all>
        </xs:complexType>
      </xs:element>
      <xs:element name="persons" minOccurs="0">
        <xs:complexType><xs:sequence>
          <xs:element name="person" type="textWithId" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="links" minOccurs="0">
        <xs:complexType><xs:sequence>
          <xs:element name="link" type="textWithHref" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:all>
    <xs:attribute name="id" type="xs:positiveInteger" use="required"/>
    <xs:attribute name="guid" type="xs:string"/>
  </xs:complexType>
  <xs:element name="schedule">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="version" type="xs:string" minOccurs="0"/>
        <xs:element name="conference">
          <xs:complexType>
            <xs:all>
              <xs:element name="title" type="xs:string"/>
              <xs:element name="acronym" type="xs:string"/>
              <xs:element name="start" type="xs:date" minOccurs="0"/>
              <xs:element name="end" type="xs:date" minOccurs="0"/>
              <xs:element name="days" type="xs:integer" minOccurs="0"/>
              <xs:element name="timeslot_duration" type="hoursMinutes" minOccurs="0"/>
            </xs:all>
          </xs:complexType>
        </xs:element>
        <xs:element name="day" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="room" minOccurs="0" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:sequence><xs:element name="event" type="talk" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
                  <xs:attribute name="name" type="xs:string"/>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="index" type="xs:positiveInteger"/>
            <xs:attribute name="date" type="xs:date"/>
            <xs:attribute name="start" type="xs:dateTime"/>
            <xs:attribute name="end" type="xs:dateTime"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
    <xs:unique name="one_talk_per_guid"><xs:selector xpath="day/room/event"/><xs:field xpath="@guid"/></xs:unique>
    <xs:unique name="one_talk_per_id"><xs:selector xpath="day/room/event"/><xs:field xpath="@id"/></xs:unique>
    <xs:unique name="one_talk_per_slug"><xs:selector xpath="day/room/event/slug"/><xs:field xpath="."/></xs:unique>
  </xs:element>
</xs:schema>
"""


def xml_errors(document: bytes) -> list[str]:
    import xmlschema

    schema = xmlschema.XMLSchema10(SCHEDULE_XSD_RULES)
    return [f"{e.path}: {e.reason}" for e in schema.iter_errors(document.decode())]
