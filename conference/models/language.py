"""The language of an event and of a talk: a BCP 47 tag, checked against the IANA registry (langcodes).

An event has a default language; a talk may say it is in another one. `language_code` on both pages
is the effective tag (the talk's own, else its event's): the page's `<html lang>`, the talk article's
`lang` and the JSON-LD `inLanguage` all read it.
"""

import langcodes
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

MAX_TAG_LENGTH = 35  # RFC 5646 §4.4.1: 35 characters hold any tag an implementation must support


def default_language() -> str:
    return getattr(settings, "CONFERENCE_DEFAULT_LANGUAGE", "en")


def standard_tag(value: str) -> str:
    """`value` in its standard form ("pt-br" → "pt-BR"), or as it is when it is no tag at all."""
    try:
        return langcodes.standardize_tag(value)
    except ValueError:
        return value


def language_tag_error(value: str) -> str | None:
    """Why `value` is not a language tag as we store it, or None when it is one."""
    if "_" in value or not langcodes.tag_is_valid(value):
        return f"“{value}” is not a language tag: use a BCP 47 tag such as en, de, pt-BR or zh-Hant."
    standard = langcodes.standardize_tag(value)
    if standard != value:
        return f"Write “{value}” as “{standard}”."
    return None


def validate_language_tag(value: str):
    error = language_tag_error(value)
    if error:
        raise ValidationError(error, code="invalid_language")


def event_language_field():
    return models.CharField(
        "Language",
        max_length=MAX_TAG_LENGTH,
        default=default_language,
        validators=[validate_language_tag],
        help_text="The language of most talks and notes, as a BCP 47 tag: en, de, pt-BR…",
    )


def talk_language_field():
    return models.CharField(
        "Language",
        max_length=MAX_TAG_LENGTH,
        blank=True,
        validators=[validate_language_tag],
        help_text="Only when this talk is in another language than its event's, e.g. fr. Empty: the event's.",
    )
