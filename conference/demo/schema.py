"""Strict checking of the demo data file, with messages that name the place.

The file is written by hand, so every key is checked: a typo such as
"summry" is an error naming where it is, never silently ignored.
"""

import datetime
import re

from blocks.code import LANGUAGE_LABELS
from blocks.lists import MAX_LIST_DEPTH
from conference.models.talks import TalkKind


class DemoDataError(ValueError):
    pass


SLUG = re.compile(r"^[-a-z0-9_]+$")


def _keys(obj, where, required, optional=()):
    if not isinstance(obj, dict):
        raise DemoDataError(f"{where}: expected an object, found {type(obj).__name__}")
    unknown = set(obj) - set(required) - set(optional)
    if unknown:
        raise DemoDataError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    missing = [k for k in required if k not in obj]
    if missing:
        raise DemoDataError(f"{where}: missing key(s) {', '.join(missing)}")


def _str(value, where, allow_empty=True):
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise DemoDataError(f"{where}: expected {'a' if allow_empty else 'a non-empty'} string")


def _slug(value, where):
    if not isinstance(value, str) or not SLUG.match(value):
        raise DemoDataError(f"{where}: {value!r} is not a slug (lowercase letters, digits and hyphens)")


def _date(value, where):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DemoDataError(f"{where}: {value!r} is not a date in the form YYYY-MM-DD") from None


def _time(value, where):
    if value is None:
        return None
    try:
        return datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        raise DemoDataError(f"{where}: {value!r} is not a time in the form HH:MM") from None


def _list(value, where):
    if not isinstance(value, list):
        raise DemoDataError(f"{where}: expected a list")
    return value


def check_items(items, where, depth=1):
    if items and depth > MAX_LIST_DEPTH:
        raise DemoDataError(f"{where}: lists nest at most {MAX_LIST_DEPTH} levels deep")
    for i, item in enumerate(_list(items, where)):
        at = f"{where}[{i}]"
        _keys(item, at, ["text"], ["children"])
        _str(item["text"], f"{at}.text", allow_empty=False)
        check_items(item.get("children", []), f"{at}.children", depth + 1)


def check_block(block, where, speakers, images, allow=None):
    _keys(block, where, ["type", "value"])
    kind, value = block["type"], block["value"]
    if allow is not None and kind not in allow:
        raise DemoDataError(f"{where}: a {kind!r} block is not allowed here (allowed: {', '.join(allow)})")
    at = f"{where}.value"
    if kind == "paragraph":
        _str(value, at, allow_empty=False)
    elif kind == "heading":
        _keys(value, at, ["level", "text"])
        if value["level"] not in ("h2", "h3", "h4"):
            raise DemoDataError(f"{at}.level: {value['level']!r} is not one of h2, h3, h4")
        _str(value["text"], f"{at}.text", allow_empty=False)
    elif kind == "quote":
        _keys(value, at, ["text"], ["attribution", "speaker", "source_url"])
        _str(value["text"], f"{at}.text", allow_empty=False)
        if value.get("speaker") is not None and value["speaker"] not in speakers:
            raise DemoDataError(f"{at}.speaker: no speaker with slug {value['speaker']!r}")
    elif kind == "list":
        _keys(value, at, ["items"], ["style"])
        if value.get("style", "bulleted") not in ("bulleted", "numbered"):
            raise DemoDataError(f"{at}.style: {value['style']!r} is not bulleted or numbered")
        check_items(value["items"], f"{at}.items")
    elif kind == "code":
        _keys(value, at, ["language", "code"], ["caption"])
        if value["language"] not in LANGUAGE_LABELS:
            raise DemoDataError(f"{at}.language: {value['language']!r} is not one of {', '.join(LANGUAGE_LABELS)}")
        _str(value["code"], f"{at}.code", allow_empty=False)
    elif kind == "table":
        _keys(value, at, ["caption", "header", "rows"])
        _str(value["caption"], f"{at}.caption", allow_empty=False)
        width = len(_list(value["header"], f"{at}.header"))
        for r, row in enumerate(_list(value["rows"], f"{at}.rows")):
            if len(_list(row, f"{at}.rows[{r}]")) != width:
                raise DemoDataError(f"{at}.rows[{r}]: has {len(row)} cells, the header has {width}")
    elif kind == "image":
        _keys(value, at, ["image"], ["alt_text", "decorative", "caption", "credit"])
        if value["image"] not in images:
            raise DemoDataError(f"{at}.image: no demo image {value['image']!r} (known: {', '.join(images)})")
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise DemoDataError(f"{at}.alt_text: give alt text, or set decorative to true")
    else:
        raise DemoDataError(f"{where}.type: unknown block type {kind!r}")


LIGHTNING_BLOCKS = ("paragraph", "quote", "list", "code", "image")


def check_demo_data(data, images):
    """Raise DemoDataError naming the first problem in the demo data, if any."""
    _keys(data, "top level", ["event", "speakers", "days"])
    event = data["event"]
    _keys(event, "event", ["title", "slug", "start_date", "end_date", "location"], ["website", "intro", "logo"])
    _slug(event["slug"], "event.slug")
    start, end = _date(event["start_date"], "event.start_date"), _date(event["end_date"], "event.end_date")
    if event.get("logo") and event["logo"] not in images:
        raise DemoDataError(f"event.logo: no demo image {event['logo']!r}")

    speakers = set()
    for i, speaker in enumerate(_list(data["speakers"], "speakers")):
        at = f"speakers[{i}]"
        _keys(speaker, at, ["slug", "name"], ["bio", "links"])
        _slug(speaker["slug"], f"{at}.slug")
        _str(speaker["name"], f"{at}.name", allow_empty=False)
        for j, link in enumerate(_list(speaker.get("links", []), f"{at}.links")):
            _keys(link, f"{at}.links[{j}]", ["title", "url"])
        speakers.add(speaker["slug"])

    for d, day in enumerate(_list(data["days"], "days")):
        at = f"days[{d}]"
        _keys(day, at, ["slug", "title", "date", "talks"], ["intro"])
        _slug(day["slug"], f"{at}.slug")
        if not start <= _date(day["date"], f"{at}.date") <= end:
            raise DemoDataError(f"{at}.date: {day['date']} is outside the event's dates")
        slugs = set()
        for t, talk in enumerate(_list(day["talks"], f"{at}.talks")):
            tat = f"{at}.talks[{t}]"
            _keys(
                talk,
                tat,
                ["slug", "title", "kind"],
                ["speakers", "start_time", "end_time", "room", "summary", "tags", "body", "lightning_talks"],
            )
            _slug(talk["slug"], f"{tat}.slug")
            if talk["slug"] in slugs:
                raise DemoDataError(f"{tat}.slug: {talk['slug']!r} is used twice on this day")
            slugs.add(talk["slug"])
            if talk["kind"] not in TalkKind.values:
                raise DemoDataError(f"{tat}.kind: {talk['kind']!r} is not one of {', '.join(TalkKind.values)}")
            _time(talk.get("start_time"), f"{tat}.start_time")
            _time(talk.get("end_time"), f"{tat}.end_time")
            for slug in talk.get("speakers", []):
                if slug not in speakers:
                    raise DemoDataError(f"{tat}.speakers: no speaker with slug {slug!r}")
            for b, block in enumerate(_list(talk.get("body", []), f"{tat}.body")):
                check_block(block, f"{tat}.body[{b}]", speakers, images)
            lightning = _list(talk.get("lightning_talks", []), f"{tat}.lightning_talks")
            if lightning and talk["kind"] != TalkKind.LIGHTNING:
                raise DemoDataError(f"{tat}.lightning_talks: only a talk of kind 'lightning' holds lightning talks")
            for n, lt in enumerate(lightning):
                lat = f"{tat}.lightning_talks[{n}]"
                _keys(lt, lat, ["title"], ["speaker", "notes"])
                _str(lt["title"], f"{lat}.title", allow_empty=False)
                if lt.get("speaker") is not None and lt["speaker"] not in speakers:
                    raise DemoDataError(f"{lat}.speaker: no speaker with slug {lt['speaker']!r}")
                for b, block in enumerate(_list(lt.get("notes", []), f"{lat}.notes")):
                    check_block(block, f"{lat}.notes[{b}]", speakers, images, allow=LIGHTNING_BLOCKS)
