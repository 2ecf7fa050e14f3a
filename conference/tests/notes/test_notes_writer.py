"""The writer is the parser's inverse: what it writes reads back as the same notes."""

import datetime
from html import escape

import pytest

from conference.notes.files import read_notes
from conference.notes.parser import parse_notes
from conference.notes.spec import Block, DaySpec, EventSpec, LightningSpec, TalkSpec
from conference.notes.writer import write_notes

TRICKY = [
    "I AM NOT ACCOMPLISHING ENOUGH - OTHERS ARE *AHEAD* OF ME IN LIFE",
    "Life isn’t about the # of things you can accomplish",
    ".for_CONTEXT(ctx) and _leading and trailing_ and __dunder__",
    "1. looks like a numbered item",
    "- looks like a bullet",
    "# looks like a heading",
    "> looks like a quote",
    "<div>not html</div> & &amp; entities &copy;",
    "[not a link](https://example.org) and ![not an image](x.png)",
    "back\\slash and `backticks` and ``double``",
    "a | pipe",
    "+ plus first",
    "trailing hash #",
    "— looks like an attribution",
]


def roundtrip(event):
    text = write_notes(event)
    return parse_notes(text, "written.md", find_image=lambda path: None), text


def event_with(body=(), title="A talk", lightning=()):
    talk = TalkSpec(title=title, slug="a-talk", kind="lightning" if lightning else "talk", body=list(body))
    talk.lightning = list(lightning)
    day = DaySpec(title="Day 1", slug="day-1", date=datetime.date(2024, 5, 15), talks=[talk])
    return EventSpec(
        title="Con",
        slug="con",
        start_date=datetime.date(2024, 5, 15),
        end_date=datetime.date(2024, 5, 15),
        location="Here",
        days=[day],
    )


def plain(value):
    """A spec value without the lines it was read from: nested blocks as (type, value)."""
    if isinstance(value, Block):
        return (value.type, plain(value.value))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "line"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def body_values(event):
    return [plain(b) for b in event.days[0].talks[0].body]


def rich(text):
    return f"<p>{escape(text, quote=False)}</p>"


def test_the_every_block_fixture_is_written_back_exactly_as_it_reads(every_block):
    assert write_notes(read_notes(every_block)) == every_block.read_text(encoding="utf-8")


def test_the_demo_notes_are_in_the_writers_own_form():
    from conference.management.commands.load_demo import DEFAULT_FILE

    text = DEFAULT_FILE.read_text(encoding="utf-8")
    assert write_notes(parse_notes(text, "demo.md")) == text


@pytest.mark.parametrize("text", TRICKY)
def test_plain_text_with_markdown_characters_reads_back_unchanged(text):
    sub_list = Block("list", {"style": "numbered", "items": [{"text": rich(text), "blocks": []}]})
    items = [{"text": rich(text), "blocks": [sub_list]}]
    body = [
        Block("heading", {"level": "h2", "text": text}),
        Block("list", {"style": "bulleted", "items": items}),
        Block("quote", {"text": rich(text) * 2, "attribution": text.strip(), "speaker": "", "source_url": ""}),
        Block("table", {"caption": text, "header": [text, "b"], "rows": [[rich(text), rich(text)]]}),
        Block("code", {"language": "text", "code": f"{text}\n```\n", "caption": "a caption"}),
    ]
    event = event_with(body, title=text)

    parsed, written = roundtrip(event)

    assert parsed.days[0].talks[0].title == text, written
    assert body_values(parsed) == body_values(event), written


def test_rich_text_paragraphs_read_back_with_their_formatting():
    html = (
        '<p>Use <b>bold</b> and <i>italic</i>, <code>a `tick`</code>, <a href="https://example.org/a_(b)">links</a>'
        ' and <a id="3" linktype="page">pages</a>, *literally*.</p><p>Second &lt;p&gt;.</p>'
    )
    event = event_with([Block("paragraph", html)])

    parsed, written = roundtrip(event)

    assert body_values(parsed) == [("paragraph", html)], written


def test_lightning_talks_read_back_with_their_speakers_and_notes():
    quote = {"text": "<p>Said it.</p>", "attribution": "", "speaker": "Grace", "source_url": ""}
    lightning = [
        LightningSpec("First", "Grace", [Block("quote", quote)]),
        LightningSpec("Second: with a colon", "", []),
    ]
    event = event_with(lightning=lightning)
    event.days[0].talks[0].speakers = []

    parsed, written = roundtrip(event)

    got = parsed.days[0].talks[0].lightning
    assert [(lt.title, lt.speaker) for lt in got] == [("First", "Grace"), ("Second: with a colon", "")]
    assert got[0].notes[0].value == quote, written
