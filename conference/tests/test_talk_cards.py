"""The talk-card cache: a card is cached under everything it shows, its markup included."""

from django.test import override_settings

from conference.templatetags.talk_cards import CARD_TEMPLATE, _template

CARD = '<li>{{ talk.title }} {% include "includes/time_range.html" %}</li>'


def templates_with(time_range: str) -> list[dict]:
    """Template settings whose card includes a time range of the given markup."""
    sources = {CARD_TEMPLATE: CARD, "includes/time_range.html": time_range}
    return [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", sources)]},
        }
    ]


def card_version(time_range: str) -> str:
    with override_settings(TEMPLATES=templates_with(time_range)):
        return _template(CARD_TEMPLATE)[1]


def test_changing_what_the_card_includes_changes_its_cache_key():
    before = card_version("<time>{{ talk.times.start }}</time>")

    assert card_version("<time>{{ talk.times.start }}</time>") == before
    assert card_version('<time datetime="{{ talk.times.start }}">{{ talk.times.start }}</time>') != before
