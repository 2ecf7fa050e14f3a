"""The `language:` key of the notes format: in the front matter (the event's) and under a talk (its own).

    ---
    language: de
    ---
    ## A talk given in English
    language: en

The event's is left out on export when it is the default language, so notes without it round-trip.
"""

from conference.models.language import default_language, language_tag_error

HINT = "write a BCP 47 language tag, e.g. `language: de` or `language: pt-BR`"


def read_language(parser, spec, meta, what):
    value, line = meta.get("language", ("", 0))
    value = value.strip()
    if value:
        error = language_tag_error(value)
        if error:
            parser.problem(line, f"language of {what}: {error}", HINT)
            return
        spec.field_lines["language"] = line
    spec.language = value


def event_language(spec) -> str:
    return spec.language or default_language()


def written_event_language(page) -> str:
    return "" if page.language == default_language() else page.language
