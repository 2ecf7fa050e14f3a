"""`{% talk_cards talks %}`: talk cards rendered once per content, so a listing's cost stays flat.

Rendering a card through the template engine costs more than fetching its talk, so a day of 200
talks would cost ten times a day of 5. Each card is cached under a hash of every value it shows
(`card_values`) and of the card template's source with its includes: any change to what a card shows is a new
key, so a cached card can never be out of date, and a whole listing is one `get_many`. Unused
cards expire on their own.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.template.loader_tags import IncludeNode
from django.utils.safestring import mark_safe

register = template.Library()

CARD_TEMPLATE = "includes/talk_card.html"
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


_template_version = {}


def _card_template():
    card = get_template(CARD_TEMPLATE)
    if card not in _template_version:
        _template_version.clear()
        # The card's own source and that of what it includes (the time range): a change to either is a new key.
        includes = card.template.nodelist.get_nodes_by_type(IncludeNode)
        sources = [card.template.source] + [get_template(node.template.var).template.source for node in includes]
        _template_version[card] = hashlib.sha256("".join(sources).encode()).hexdigest()[:16]
    return card, _template_version[card]


def _key(version, values) -> str:
    return "talk-card:" + hashlib.sha256(repr((version, values)).encode()).hexdigest()


@register.simple_tag
def talk_cards(talks, heading_level=2, show_place=False):
    card, version = _card_template()
    keys = [_key(version, card_values(talk, heading_level, show_place)) for talk in talks]
    cached = cache.get_many(keys)
    rendered = {}
    for talk, key in zip(talks, keys, strict=True):
        if key not in cached and key not in rendered:
            rendered[key] = card.render({"talk": talk, "heading_level": heading_level, "show_place": show_place})
    if rendered:
        cache.set_many(rendered, timeout=CARD_SECONDS)
    return mark_safe("".join(cached.get(key) or rendered[key] for key in keys))  # noqa: S308 - our own rendering
