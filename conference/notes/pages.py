"""Page → spec: the spec a page holds, and the comparable state of any spec.

(Spec → page values is `values.py`; the two share only `spec.py`.) Both
directions meet in `state()`: a plain, comparable form of a spec in
which speakers are slugs and images are content hashes. A page is unchanged
when its state equals the notes' state; `state_hash` is what ImportedPage keeps.
"""

import hashlib
import json

from django.utils.text import slugify
from wagtail.images import get_image_model

from conference.models import Speaker
from conference.schedule import notes_keys

from . import language_keys
from .spec import Block, DaySpec, EventSpec, ImageRef, LightningSpec, TalkSpec


class Lookups:
    """Speakers and images by name, slug, id and content hash, loaded once per import."""

    def __init__(self):
        self.speakers = {s.pk: s for s in Speaker.objects.all()}
        self.by_slug = {s.slug: s for s in self.speakers.values()}
        names = {}
        for s in self.speakers.values():
            names.setdefault(s.name, []).append(s)
        self.by_name = {name: found[0] for name, found in names.items() if len(found) == 1}
        self.images = {}  # id -> Image
        self.by_hash = {}  # sha1 -> Image

    def speaker_slug(self, name: str) -> str:
        """The speaker a name in the notes means: the one of that exact name, else the slug of the name."""
        if name in self.by_name:
            return self.by_name[name].slug
        return slugify(name) or "speaker"

    def image(self, pk):
        if pk not in self.images:
            image = get_image_model().objects.filter(pk=pk).first()
            self.images[pk] = image
            if image is not None:
                self.by_hash.setdefault(image.get_file_hash(), image)
        return self.images[pk]

    def image_by_hash(self, sha1):
        if sha1 not in self.by_hash:
            self.by_hash[sha1] = get_image_model().objects.filter(file_hash=sha1).order_by("pk").first()
        return self.by_hash[sha1]


# Comparable state ----------------------------------------------------------------


def state_hash(state) -> str:
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()


def _image_state(ref: ImageRef):
    return {"sha1": ref.sha1, "alt": "" if ref.decorative else ref.alt, "decorative": ref.decorative}


def block_state(block: Block, lookups: Lookups):
    value = block.value
    if block.type == "quote":
        value = dict(value, speaker=lookups.speaker_slug(value["speaker"]) if value["speaker"] else "")
    elif block.type == "image":
        value = dict(value, image=_image_state(value["image"]))
    elif block.type == "list":
        items = [
            {"text": item["text"], "blocks": [block_state(b, lookups) for b in item["blocks"]]}
            for item in value["items"]
        ]
        value = {"style": value["style"], "items": items}
    return {"type": block.type, "value": value}


def state(spec, lookups: Lookups) -> dict:
    """The comparable state of an event, day or talk spec (its own fields, not its children pages)."""
    if isinstance(spec, EventSpec):
        fields = ("title", "start_date", "end_date", "location", "website", "time_zone", "language", "intro")
        out = {name: getattr(spec, name) for name in fields}
        out["logo"] = _image_state(spec.logo) if spec.logo else None
        return out
    if isinstance(spec, DaySpec):
        return {"title": spec.title, "date": spec.date, "intro": spec.intro}
    return {
        "title": spec.title,
        "kind": spec.kind,
        "speakers": [lookups.speaker_slug(name) for name in spec.speakers],
        "start_time": spec.start_time,
        "end_time": spec.end_time,
        "room": spec.room,
        "language": spec.language,
        **notes_keys.talk_state(spec),
        "summary": spec.summary,
        "tags": sorted(spec.tags),
        "body": [block_state(b, lookups) for b in spec.body],
        "lightning": [
            {
                "title": lt.title,
                "speaker": lookups.speaker_slug(lt.speaker) if lt.speaker else "",
                "notes": [block_state(b, lookups) for b in lt.notes],
            }
            for lt in spec.lightning
        ],
    }


# Page → spec -------------------------------------------------------------------


def _image_ref(raw, lookups: Lookups) -> ImageRef:
    image = lookups.image(raw.get("image")) if raw else None
    ref = ImageRef(path="", alt=raw.get("alt_text") or "", decorative=bool(raw.get("decorative")), image=image)
    if image is not None:
        ref.sha1 = image.get_file_hash()
    return ref


def _items(raw_items, lookups):
    items = []
    for raw in raw_items or []:
        value = raw.get("value", raw) if isinstance(raw, dict) and "type" in raw else raw
        items.append({"text": value.get("text") or "", "blocks": _blocks(value.get("blocks"), lookups)})
    return items


def blocks_from_stream(stream_value, lookups: Lookups) -> list[Block]:
    return _blocks(stream_value.raw_data, lookups)


def _blocks(raw_blocks, lookups: Lookups) -> list[Block]:
    blocks = []
    for raw in raw_blocks or []:
        kind, value = raw["type"], raw.get("value")
        if kind == "heading":
            value = {"level": value["level"], "text": value["text"]}
        elif kind == "quote":
            speaker = lookups.speakers.get(value.get("speaker"))
            value = {
                "text": value.get("text", ""),
                "attribution": "" if speaker else value.get("attribution") or "",
                "speaker": speaker.name if speaker else "",
                "source_url": value.get("source_url") or "",
            }
        elif kind == "list":
            value = {"style": value.get("style") or "bulleted", "items": _items(value.get("items"), lookups)}
        elif kind == "code":
            value = {"language": value["language"], "code": value["code"], "caption": value.get("caption") or ""}
        elif kind == "image":
            value = {
                "image": _image_ref(value.get("image"), lookups),
                "caption": value.get("caption") or "",
                "credit": value.get("credit") or "",
            }
        elif kind == "divider":
            value = None
        elif kind == "table":
            value = {
                "caption": value.get("caption") or "",
                "header": [col.get("heading") or "" for col in value.get("columns", [])],
                "rows": [[cell or "" for cell in row.get("values", [])] for row in value.get("rows", [])],
            }
        blocks.append(Block(kind, value))
    return blocks


def event_spec(page, lookups: Lookups) -> EventSpec:
    logo = next(iter(page.logo.raw_data), None)
    return EventSpec(
        title=page.title,
        slug=page.slug,
        start_date=page.start_date,
        end_date=page.end_date,
        location=page.location,
        website=page.website,
        time_zone=notes_keys.written_time_zone(page),
        language=language_keys.written_event_language(page),
        intro=page.intro,
        logo=_image_ref(logo["value"], lookups) if logo else None,
    )


def day_spec(page) -> DaySpec:
    return DaySpec(title=page.title, slug=page.slug, date=page.date, intro=page.intro)


def talk_spec(page, lookups: Lookups) -> TalkSpec:
    def name(speaker_id):
        speaker = lookups.speakers.get(speaker_id)
        return speaker.name if speaker else ""

    return TalkSpec(
        title=page.title,
        slug=page.slug,
        kind=page.kind,
        speakers=[name(ts.speaker_id) for ts in page.talk_speakers.all()],
        start_time=page.start_time,
        end_time=page.end_time,
        room=page.room,
        language=page.language,
        **notes_keys.talk_fields(page),
        summary=page.summary,
        tags=sorted(tag.name for tag in page.tags.all()),
        body=blocks_from_stream(page.body, lookups),
        lightning=[
            LightningSpec(title=lt.title, speaker=name(lt.speaker_id), notes=blocks_from_stream(lt.notes, lookups))
            for lt in page.lightning_talks.all()
        ],
    )


def spec_of(page, lookups: Lookups):
    """The spec of an EventPage, DayPage or TalkPage (its own fields only)."""
    kind = type(page).__name__
    if kind == "EventPage":
        return event_spec(page, lookups)
    if kind == "DayPage":
        return day_spec(page)
    return talk_spec(page, lookups)
