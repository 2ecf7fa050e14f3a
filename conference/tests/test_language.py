"""An event's language, a talk's own, and where readers' tools see them (`<html lang>`, the article's `lang`)."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import Client

from conference.factories import make_day, make_event, make_talk
from conference.models.language import validate_language_tag

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("tag", ["en", "de", "de-CH", "pt-BR", "zh-Hant", "sr-Latn-RS"])
def test_registered_language_tags_are_accepted(tag):
    validate_language_tag(tag)


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("english", "“english” is not a language tag"),
        ("xx", "“xx” is not a language tag"),
        ("en_US", "“en_US” is not a language tag"),
        ("fr-", "“fr-” is not a language tag"),
        ("EN-gb", "Write “EN-gb” as “en-GB”"),
    ],
)
def test_other_language_tags_are_refused_with_a_clear_message(tag, message):
    with pytest.raises(ValidationError) as error:
        validate_language_tag(tag)
    assert message in error.value.messages[0]


def test_a_talk_saved_with_a_wrong_language_is_refused_on_its_field():
    with pytest.raises(ValidationError) as error:
        make_talk(make_day(make_event()), language="deutsch")
    assert error.value.message_dict["language"] == [
        "“deutsch” is not a language tag: use a BCP 47 tag such as en, de, pt-BR or zh-Hant."
    ]


def test_language_code_is_the_talks_own_else_its_events():
    event = make_event(language="de")
    day = make_day(event)
    own = make_talk(day, language="en")
    inherited = make_talk(day)
    assert event.language_code == "de"
    assert own.language_code == "en"
    assert inherited.language_code == "de"


def page(url):
    response = Client().get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_html_lang_follows_the_event_and_a_talk_in_another_language_marks_its_article():
    event = make_event(language="de")
    day = make_day(event)
    english = make_talk(day, language="en")
    german = make_talk(day)
    assert page(event.url).html["lang"] == "de"
    assert page(day.url).html["lang"] == "de"
    html = page(english.url)
    assert html.html["lang"] == "de"
    assert html.find("article")["lang"] == "en"
    html = page(german.url)
    assert html.html["lang"] == "de"
    assert not html.find("article").has_attr("lang")


def test_a_talk_that_repeats_its_events_language_adds_no_lang():
    event = make_event(language="fr")
    talk = make_talk(make_day(event), language="fr")
    assert not page(talk.url).find("article").has_attr("lang")
