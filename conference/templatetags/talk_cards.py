"""Talk cards and timetable slots rendered once per content, so a listing's cost stays flat.

`{% talk_cards talks %}` (a talk list) and `{% timetable_slots timetable as slots %}` (a day's
timetable). Rendering a talk's markup through the template engine costs more than fetching its
talk, so a day of 200 talks would cost ten times a day of 5. Each piece of markup is cached under
a hash of every value it shows (`card_values`, `slot_values`) and of its template's source with
what it includes: any change to what it shows is a new key, so a cached piece can never be out
of date, and a whole listing is one `get_many`. Unused pieces expire on their own. A day's timetable shows each
talk twice (in the grid, and in the list a phone shows): each is rendered once.
"""

import hashlib
from dataclasses import dataclass

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.template.loader_tags import IncludeNode
from django.utils.safestring import mark_safe

register = template.Library()

CARD_TEMPLATE = "includes/talk_card.html"
SLOT_TEMPLATE = "schedule/talk_slot.html"
TIMETABLE_TEMPLATE = "schedule/timetable_section.html"
CARD_SECONDS = 24 * 3600


def card_values(talk, heading_level, show_place) -> tuple:
    """Everything includes/talk_card.html shows of `talk`: the card's cache key is made of these."""
    return (
        heading_level,
        talk.listing_url,
        talk.title,
        talk.kind,
        talk.kind_label,
        talk.times if talk.start_time else None,
        talk.room,
        talk.summary,
        tuple((link["speaker_name"], link["speaker_url"]) for link in talk.speaker_links),
        (talk.event_title, talk.day_title) if show_place else None,
        tuple(lt.title for lt in talk.lightning_rows),
    )


def slot_values(talk) -> tuple:
    """Everything schedule/talk_slot.html shows of `talk` (a `ListedTalk`), with its room or not."""
    return (
        talk.listing_url,
        talk.title,
        talk.kind_label,
        talk.times,
        talk.room,
        tuple(link["speaker_name"] for link in talk.speaker_links),
        talk.track_name,
    )


_template_versions = {}


def _template(name):
    compiled = get_template(name)
    if _template_versions.get(name, (None,))[0] is not compiled:
        # Its own source and that of what it includes (the time range): a change to either is a new key.
        includes = compiled.template.nodelist.get_nodes_by_type(IncludeNode)
        sources = [compiled.template.source] + [get_template(node.template.var).template.source for node in includes]
        _template_versions[name] = (compiled, hashlib.sha256("".join(sources).encode()).hexdigest()[:16])
    return _template_versions[name]


def _key(kind, version, values) -> str:
    return f"{kind}:" + hashlib.sha256(repr((version, values)).encode()).hexdigest()


def render_cached(template_name: str, kind: str, pieces: list[tuple[tuple, dict]], variants=({},)) -> list[tuple]:
    """The markup of `template_name` for each (values, context) of `pieces`, in one `get_many`.

    `values` is everything the context shows: it is the cache key. Each piece is rendered once per
    variant (context added to its own) and cached as one entry: a tuple of markup, one per variant.
    """
    compiled, version = _template(template_name)
    keys = [_key(kind, version, values) for values, _ in pieces]
    cached = cache.get_many(keys)
    rendered = {}
    for (_, context), key in zip(pieces, keys, strict=True):
        if key not in cached and key not in rendered:
            rendered[key] = tuple(compiled.render({**context, **variant}) for variant in variants)
    if rendered:
        cache.set_many(rendered, timeout=CARD_SECONDS)
    return [tuple(map(mark_safe, cached.get(key) or rendered[key])) for key in keys]  # noqa: S308 - our own


@register.simple_tag
def talk_cards(talks, heading_level=2, show_place=False):
    context = {"heading_level": heading_level, "show_place": show_place}
    pieces = [(card_values(talk, heading_level, show_place), {**context, "talk": talk}) for talk in talks]
    return mark_safe("".join(card for (card,) in render_cached(CARD_TEMPLATE, "talk-card", pieces)))  # noqa: S308


@dataclass
class TimetableSlots:
    """A timetable's rows with each talk's markup: `rows` [(start, [(rowspan, markup or None)])], `listed` [markup]."""

    rows: list
    listed: list


@register.simple_tag
def timetable_slots(timetable):
    """Each timed talk's slot markup, in the grid (without its room: the column says it) and in the list."""
    talks = timetable.ordered
    pieces = [(slot_values(talk), {"talk": talk}) for talk in talks]
    markup = render_cached(SLOT_TEMPLATE, "talk-slot", pieces, variants=({}, {"with_room": True}))
    in_grid = {talk.pk: grid for talk, (grid, _) in zip(talks, markup, strict=True)}
    rows = [
        (row.start, [(cell.rowspan, in_grid[cell.talk.pk] if cell.talk else None) for cell in row.cells])
        for row in timetable.rows
    ]
    return TimetableSlots(rows=rows, listed=[listed for _, listed in markup])


def timetable_values(timetable, caption, time_zone) -> tuple:
    """Everything schedule/timetable_section.html shows: its grid's shape and each slot's `slot_values`."""
    slots = {talk.pk: slot_values(talk) for talk in timetable.ordered}
    return (
        caption,
        str(time_zone),
        tuple(column.heading for column in timetable.columns),
        tuple(
            (row.start, tuple((cell.rowspan, cell.talk and slots[cell.talk.pk]) for cell in row.cells))
            for row in timetable.rows
        ),
        tuple(slots.values()),
    )


@register.simple_tag
def timetable(timetable, caption, time_zone):
    """A day's whole timetable section, cached as one piece (its slots are cached one by one too).

    Laying out a day's grid of talks through the template engine costs as much per talk as its
    slot does: the section is one entry, keyed by everything it shows and by the source of its
    template and the slot's, so a day of 200 talks costs about what a day of 5 does.
    """
    compiled, version = _template(TIMETABLE_TEMPLATE)
    key = _key("timetable", (version, _template(SLOT_TEMPLATE)[1]), timetable_values(timetable, caption, time_zone))
    markup = cache.get(key)
    if markup is None:
        context = {"timetable": timetable, "caption": caption, "time_zone": time_zone}
        markup = compiled.render({**context, "slots": timetable_slots(timetable)})
        cache.set(key, markup, timeout=CARD_SECONDS)
    return mark_safe(markup)  # noqa: S308 - our own template's markup
