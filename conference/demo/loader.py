"""Load the structured demo data into the page tree, idempotently.

Every page is compared with what the data says it should be; only a page
that differs gets a new revision, which is published. Block ids are derived
from the data's position (uuid5), so a second run finds nothing to change.
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Site

from conference.models import DayPage, EventPage, LightningTalk, Speaker, SpeakerLink, TalkPage, TalkSpeaker
from home.models import HomePage

from .images import DEMO_IMAGES
from .schema import DemoDataError, check_demo_data

ID_NAMESPACE = uuid.UUID("7d1f3c2a-5b8e-4f61-9a0d-2c4b6e8f1a3d")


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_files: list = field(default_factory=list)

    def note(self, kind: str, label: str):
        if kind == "unchanged":
            self.unchanged += 1
        else:
            getattr(self, kind).append(label)


def block_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts)))


class DemoLoader:
    def __init__(self, data):
        self.data = data
        self.report = LoadReport()
        self.images = {}
        self.speakers = {}

    # Blocks -----------------------------------------------------------------

    def _items(self, items, scope):
        return [
            {
                "type": "item",
                "id": block_id(scope, i),
                "value": {"text": item["text"], "children": self._items(item.get("children", []), f"{scope}/{i}")},
            }
            for i, item in enumerate(items)
        ]

    def _block_value(self, kind, value, scope):
        if kind in ("paragraph", "heading"):
            return value
        if kind == "quote":
            speaker = self.speakers[value["speaker"]].pk if value.get("speaker") else None
            return {
                "text": value["text"],
                "attribution": value.get("attribution", ""),
                "speaker": speaker,
                "source_url": value.get("source_url", ""),
            }
        if kind == "list":
            return {"style": value.get("style", "bulleted"), "items": self._items(value["items"], scope)}
        if kind == "code":
            return {"language": value["language"], "code": value["code"], "caption": value.get("caption", "")}
        if kind == "table":
            return {
                "caption": value["caption"],
                "columns": [{"type": "text", "heading": heading} for heading in value["header"]],
                "rows": [{"values": row} for row in value["rows"]],
            }
        if kind == "image":
            decorative = bool(value.get("decorative"))
            return {
                "image": {
                    "image": self.images[value["image"]].pk,
                    "decorative": decorative,
                    "alt_text": "" if decorative else value.get("alt_text", ""),
                },
                "caption": value.get("caption", ""),
                "credit": value.get("credit", ""),
            }
        raise DemoDataError(f"unknown block type {kind!r}")

    def stream(self, stream_block, blocks, scope, where):
        """The StreamValue for a list of data blocks, validated like the editor validates it."""
        raw = [
            {
                "type": b["type"],
                "value": self._block_value(b["type"], b["value"], f"{scope}/{i}"),
                "id": block_id(scope, i),
            }
            for i, b in enumerate(blocks)
        ]
        value = stream_block.to_python(raw)
        try:
            stream_block.clean(value)
        except ValidationError as error:
            raise DemoDataError(
                f"{where}: the blocks do not pass the editor's validation: {_describe(error)}"
            ) from None
        return value

    # Images and speakers ----------------------------------------------------

    def load_images(self):
        Image = get_image_model()
        for key, demo in DEMO_IMAGES.items():
            image = Image.objects.filter(title=demo.title).first()
            if image is None:
                image = Image(title=demo.title, file=ImageFile(BytesIO(demo.png_bytes()), name=demo.filename))
                image.save()
                self.report.new_files.append(image.file.name)
                self.report.note("created", f"image {demo.title}")
            else:
                self.report.note("unchanged", key)
            self.images[key] = image

    def load_speakers(self):
        for entry in self.data["speakers"]:
            speaker = Speaker.objects.filter(slug=entry["slug"]).first()
            wanted = {"name": entry["name"], "bio": entry.get("bio", "")}
            links = [(link["title"], link["url"]) for link in entry.get("links", [])]
            if speaker is None:
                speaker = Speaker(slug=entry["slug"], **wanted)
                speaker.links = [SpeakerLink(title=t, url=u) for t, u in links]
                speaker.save()
                self.report.note("created", f"speaker {speaker.name}")
            elif {k: getattr(speaker, k) for k in wanted} != wanted or [
                (link.title, link.url) for link in speaker.links.all()
            ] != links:
                for key, value in wanted.items():
                    setattr(speaker, key, value)
                speaker.links = [SpeakerLink(title=t, url=u) for t, u in links]
                speaker.save()
                self.report.note("updated", f"speaker {speaker.name}")
            else:
                self.report.note("unchanged", speaker.slug)
            self.speakers[entry["slug"]] = speaker

    # Pages ------------------------------------------------------------------

    def upsert(self, parent, model, slug, fields, label, children=(), tags=None):
        """Create or update one page and publish it; leave it alone when nothing differs.

        The live content is what is compared: an editor's unpublished draft of a
        page that matches the data is left alone, and one that is overwritten
        stays in the page's revision history.

        `fields` maps field names to values (StreamField values compare by
        their stored form); `children` lists the page's cluster children as
        `Children` specs; `tags` is a sorted list of tag names, or None.
        """
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if (
            page is not None
            and page.live
            and all(_same(getattr(page, name), value) for name, value in fields.items())
            and all(spec.matches(page) for spec in children)
            and (tags is None or sorted(tag.name for tag in page.tags.all()) == tags)
        ):
            self.report.note("unchanged", label)
            return page
        created = page is None
        if created:
            page = model(slug=slug)
        for name, value in fields.items():
            setattr(page, name, value)
        for spec in children:
            spec.apply(page)
        if created:
            parent.add_child(instance=page)
        if tags is not None:
            page.tags.set(tags)
        page.save_revision().publish()
        self.report.note("created" if created else "updated", label)
        return page

    def run(self):
        check_demo_data(self.data, DEMO_IMAGES)
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise DemoDataError("the default site's root page is not the HomePage: run `manage.py migrate` first")

        self.load_images()
        self.load_speakers()

        ev = self.data["event"]
        event = self.upsert(
            home,
            EventPage,
            ev["slug"],
            {
                "title": ev["title"],
                "start_date": _date(ev["start_date"]),
                "end_date": _date(ev["end_date"]),
                "location": ev["location"],
                "website": ev.get("website", ""),
                "intro": ev.get("intro", ""),
                "logo": self._logo(ev.get("logo")),
            },
            f"event {ev['title']}",
        )
        for d, day_data in enumerate(self.data["days"]):
            day = self.upsert(
                event,
                DayPage,
                day_data["slug"],
                {"title": day_data["title"], "date": _date(day_data["date"]), "intro": day_data.get("intro", "")},
                f"day {day_data['title']}",
            )
            for t, talk in enumerate(day_data["talks"]):
                self.load_talk(day, talk, f"days[{d}].talks[{t}]")
        return self.report

    def _logo(self, key):
        raw = []
        if key:
            demo = DEMO_IMAGES[key]
            raw = [
                {
                    "type": "image",
                    "id": block_id("logo", key),
                    "value": {"image": self.images[key].pk, "decorative": False, "alt_text": demo.alt_text},
                }
            ]
        return EventPage.logo.field.stream_block.to_python(raw)

    def load_talk(self, day, talk, where):
        scope = f"{day.slug}/{talk['slug']}"
        body = self.stream(TalkPage.body.field.stream_block, talk.get("body", []), scope, f"{where}.body")
        lightning_rows = []
        for n, lt in enumerate(talk.get("lightning_talks", [])):
            notes = self.stream(
                LightningTalk.notes.field.stream_block,
                lt.get("notes", []),
                f"{scope}/lightning/{n}",
                f"{where}.lightning_talks[{n}].notes",
            )
            speaker = self.speakers[lt["speaker"]] if lt.get("speaker") else None
            lightning_rows.append((lt["title"], speaker.pk if speaker else None, notes))
        speaker_rows = [(self.speakers[slug].pk,) for slug in talk.get("speakers", [])]
        return self.upsert(
            day,
            TalkPage,
            talk["slug"],
            {
                "title": talk["title"],
                "kind": talk["kind"],
                "start_time": _time(talk.get("start_time")),
                "end_time": _time(talk.get("end_time")),
                "room": talk.get("room", ""),
                "summary": talk.get("summary", ""),
                "body": body,
            },
            f"talk {talk['title']}",
            children=[
                Children(
                    "talk_speakers",
                    speaker_rows,
                    lambda ts: (ts.speaker_id,),
                    lambda row: TalkSpeaker(speaker_id=row[0]),
                ),
                Children(
                    "lightning_talks",
                    lightning_rows,
                    lambda lt: (lt.title, lt.speaker_id, lt.notes),
                    lambda row: LightningTalk(title=row[0], speaker_id=row[1], notes=row[2]),
                ),
            ],
            tags=sorted(talk.get("tags", [])),
        )


@dataclass
class Children:
    """The wanted rows of one cluster child relation, e.g. a talk's speakers."""

    relation: str
    rows: list
    key: Callable  # child object -> row tuple, comparable with `rows`
    build: Callable  # row tuple -> unsaved child object

    def matches(self, page) -> bool:
        current = [tuple(_prep(v) for v in self.key(obj)) for obj in getattr(page, self.relation).all()]
        return current == [tuple(_prep(v) for v in row) for row in self.rows]

    def apply(self, page):
        children = [self.build(row) for row in self.rows]
        for position, child in enumerate(children):
            child.sort_order = position
        setattr(page, self.relation, children)


def _describe(error: ValidationError, where: str = "") -> str:
    """Flatten a nested block validation error into "place: message" parts."""
    parts = []
    for key, child in (getattr(error, "block_errors", None) or {}).items():
        parts.append(_describe(child, f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}"))
    for message in getattr(error, "non_block_errors", None) or []:
        parts.append(f"{where or 'block'}: {message}")
    if not parts:
        parts = [f"{where or 'block'}: {message}" for message in error.messages]
    return "; ".join(parts)


def _date(value):
    return datetime.date.fromisoformat(value)


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def _same(current, wanted) -> bool:
    if hasattr(wanted, "get_prep_value") and hasattr(current, "get_prep_value"):
        return current.get_prep_value() == wanted.get_prep_value()
    return current == wanted


def _prep(value):
    return value.get_prep_value() if hasattr(value, "get_prep_value") else value
