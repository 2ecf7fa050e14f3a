"""Spec → the values pages store: StreamField data, validated as the editor validates it.

The other direction (page → spec) is `pages.py`; the two share only `spec.py`.
"""

from django.core.exceptions import ValidationError

from conference.models import DayPage, EventPage, LightningTalk, Speaker, TalkPage, TalkSpeaker
from conference.schedule import notes_keys

from . import language_keys
from .block_ids import renumber_children, stable_ids
from .spec import Problem, block_id


def describe(error: ValidationError) -> str:
    """A nested block validation error's messages, joined. They name their block (“The heading …”)
    and the problem's line is the block's, so the path of field names inside it is left out."""
    parts = [describe(child) for child in (getattr(error, "block_errors", None) or {}).values()]
    parts += [str(getattr(message, "message", message)) for message in getattr(error, "non_block_errors", None) or []]
    if not parts:
        parts = list(error.messages)
    return "; ".join(dict.fromkeys(parts))


def error_line(block, error) -> int:
    """The line of the innermost block an error is about: a list's errors point into its items."""
    if block.type == "list":
        items = (getattr(error, "block_errors", None) or {}).get("items")
        for index, item_error in (getattr(items, "block_errors", None) or {}).items():
            item = block.value["items"][index]
            nested = (getattr(item_error, "block_errors", None) or {}).get("blocks")
            for j, child in (getattr(nested, "block_errors", None) or {}).items():
                return error_line(item["blocks"][j], child) or item.get("line") or block.line
            return item.get("line") or block.line
    return block.line


# How to fix, in the notes, what a block's own message asks for in the editor's terms.
ALT_TEXT_HINT = (
    "write what the image shows as its alt text, ![what it shows](file.png); "
    "if it is pure decoration, add a line `decorative: yes` under it"
)


TABLE_HINT = (
    "a table's caption is the line `Table: what the table shows` right above it; its header row names the columns"
)


def block_hint(error: ValidationError, block_type: str = "") -> str:
    """The hint for a block's error: how to fix it in the notes where the notes write it their own way."""
    if block_type == "table":
        return TABLE_HINT
    errors = [error]
    while errors:
        current = errors.pop()
        block_errors = getattr(current, "block_errors", None) or {}
        if "alt_text" in block_errors:
            return ALT_TEXT_HINT
        errors.extend(e for e in block_errors.values() if isinstance(e, ValidationError))
    return "fix it as the editor asks"


class ValueBuilder:
    """Builds field values from specs; `speaker(name)` and `image(ref)` give saved objects."""

    def __init__(self, speaker, image, problems: list[Problem]):
        self.speaker = speaker
        self.image = image
        self.problems = problems

    def _items(self, items, scope):
        return [
            {
                "type": "item",
                "id": block_id(scope, i),
                "value": {"text": item["text"], "blocks": self._raw(item["blocks"], f"{scope}/{i}")},
            }
            for i, item in enumerate(items)
        ]

    def _raw(self, blocks, scope):
        return [
            {"type": b.type, "value": self._value(b, f"{scope}/{i}"), "id": block_id(scope, i)}
            for i, b in enumerate(blocks)
        ]

    def _image_value(self, ref):
        return {
            "image": self.image(ref).pk,
            "decorative": ref.decorative,
            "alt_text": "" if ref.decorative else ref.alt,
        }

    def _value(self, block, scope):
        value = block.value
        if block.type in ("paragraph", "heading", "code", "divider"):
            return value
        if block.type == "quote":
            speaker = self.speaker(value["speaker"]).pk if value["speaker"] else None
            return dict(value, speaker=speaker)
        if block.type == "list":
            return {"style": value["style"], "items": self._items(value["items"], scope)}
        if block.type == "table":
            return {
                "caption": value["caption"],
                "columns": [{"type": "text", "heading": heading} for heading in value["header"]],
                "rows": [{"values": list(row)} for row in value["rows"]],
            }
        if block.type == "image":
            return {"image": self._image_value(value["image"]), "caption": value["caption"], "credit": value["credit"]}
        raise ValueError(f"unknown block type {block.type!r}")

    def stream(self, field, blocks, scope, line, previous=None):
        """A validated StreamValue for `field` (a StreamField) from spec blocks, keeping the block ids
        of `previous` (the value it replaces) for the blocks it continues: see block_ids.py."""
        stream_block = field.field.stream_block
        raw = self._raw(blocks, scope)
        new = stream_block.get_prep_value(stream_block.to_python(raw))
        old = stream_block.get_prep_value(previous) if previous else []
        for child, stable in zip(raw, stable_ids(scope, new, old), strict=True):
            child["id"] = stable
            child["value"] = renumber_children(child["value"], stable)
        value = stream_block.to_python(raw)
        try:
            stream_block.clean(value)
        except ValidationError as error:
            block_errors = getattr(error, "block_errors", None) or {}
            for index, child in block_errors.items():
                where = error_line(blocks[index], child) or line
                self.problems.append(Problem(where, describe(child), block_hint(child, blocks[index].type)))
            if not block_errors:
                self.problems.append(Problem(line, describe(error), block_hint(error)))
        return value

    def logo(self, ref):
        """The event's logo, validated by its image block (alt text rules) at the `logo:` line."""
        stream_block = EventPage.logo.field.stream_block
        raw = []
        if ref is not None:
            raw = [{"type": "image", "id": block_id("logo"), "value": self._image_value(ref)}]
        value = stream_block.to_python(raw)
        try:
            stream_block.clean(value)
        except ValidationError as error:
            self.problems.append(Problem(ref.line, describe(error), block_hint(error)))
        return value

    def apply(self, page, spec):
        """Set the page's own fields (and cluster children) from its spec."""
        page.title = spec.title
        if isinstance(page, EventPage):
            page.start_date, page.end_date = spec.start_date, spec.end_date
            page.location, page.website, page.intro = spec.location, spec.website, spec.intro
            page.time_zone = notes_keys.event_time_zone(spec)
            page.language = language_keys.event_language(spec)
            page.logo = self.logo(spec.logo)
        elif isinstance(page, DayPage):
            page.date, page.intro = spec.date, spec.intro
        elif isinstance(page, TalkPage):
            self._apply_talk(page, spec)

    def _fits(self, text, model, field_name, line, what) -> bool:
        """Whether `text` fits its database column; a problem naming the line when it does not."""
        limit = model._meta.get_field(field_name).max_length
        if len(text) <= limit:
            return True
        self.problems.append(
            Problem(
                line,
                f"the {what} “{text[:40]}…” is {len(text)} characters long, over the limit of {limit}",
                f"shorten the {what}",
            )
        )
        return False

    def _apply_talk(self, page, spec):
        scope = f"{spec.slug}"
        page.kind, page.start_time, page.end_time = spec.kind, spec.start_time, spec.end_time
        page.room, page.summary, page.language = spec.room, spec.summary, spec.language
        notes_keys.apply_talk(page, spec, getattr(self, "event", None))
        page.body = self.stream(TalkPage.body, spec.body, scope, spec.line, previous=page.body)
        earlier = {lt.title: lt.notes for lt in page.lightning_talks.all()}
        # Children and speakers are not validated by Wagtail's page checks: check their lengths here.
        speakers = [name for name in spec.speakers if self._fits(name, Speaker, "name", spec.line, "speaker name")]
        for lt in spec.lightning:
            self._fits(lt.title, LightningTalk, "title", lt.line, "lightning talk title")
            if lt.speaker:
                self._fits(lt.speaker, Speaker, "name", lt.line, "speaker name")
        # sort_order is set explicitly: the order of speakers and lightning talks is the notes' order.
        page.talk_speakers = [TalkSpeaker(speaker=self.speaker(name), sort_order=n) for n, name in enumerate(speakers)]
        page.lightning_talks = [
            LightningTalk(
                sort_order=n,
                title=lt.title,
                speaker=self.speaker(lt.speaker) if lt.speaker else None,
                notes=self.stream(
                    LightningTalk.notes, lt.notes, f"{scope}/lightning/{lt.title}", lt.line, earlier.get(lt.title)
                ),
            )
            for n, lt in enumerate(spec.lightning)
        ]
        page.tags.set(spec.tags, clear=True)
