"""The Markdown notes format: what each construct becomes, and the errors bad input gets."""

import datetime

import pytest

from conference.notes.files import read_notes
from conference.notes.spec import NotesError
from conference.tests.notes.notes_helpers import HEAD
from conference.tests.notes.notes_helpers import parse as parse_with_head


def parse(body: str, head: str = HEAD, find_image=None):
    return parse_with_head(body, head, find_image)


def blocks(body: str, **kwargs):
    return parse(body, **kwargs).days[0].talks[0].body


def error_of(body: str, head: str = HEAD, find_image=None) -> str:
    with pytest.raises(NotesError) as caught:
        parse(body, head, find_image)
    return str(caught.value)


def test_every_block_fixture_reads_as_the_event_days_talks_and_blocks(every_block):
    event = read_notes(every_block)

    assert (event.title, event.slug, event.location) == (
        "PyCon Notes Test 2024",
        "pycon-notes-test",
        "Pittsburgh, Pennsylvania, USA",
    )
    assert (event.start_date, event.end_date) == (datetime.date(2024, 5, 15), datetime.date(2024, 5, 17))
    assert event.logo.alt == "PyCon Notes Test 2024" and event.logo.file.name == "logo.png"
    assert event.intro.startswith("<p>An introduction with <b>bold</b>, <i>italic</i>, <code>code</code>")
    assert [(d.title, d.slug, d.date) for d in event.days] == [
        ("Tutorial day", "tutorials", datetime.date(2024, 5, 15)),
        ("Conference day", "conference-day", datetime.date(2024, 5, 16)),
    ]
    talk = event.days[0].talks[0]
    assert talk.speakers == ["Ada Lovelace", "Grace Hopper"]
    assert (talk.kind, talk.room, talk.tags) == ("keynote", "Ballroom A", ["testing", "markdown"])
    assert (talk.start_time, talk.end_time) == (datetime.time(9, 30), datetime.time(10, 15))
    types = [b.type for b in talk.body]
    assert set(types) == {"paragraph", "quote", "heading", "list", "code", "image", "table"}
    assert [b.value["level"] for b in talk.body if b.type == "heading"] == ["h2", "h3", "h4", "h2"]

    lightning = event.days[1].talks[0]
    assert lightning.kind == "lightning"
    assert [(lt.title, lt.speaker, len(lt.notes)) for lt in lightning.lightning] == [
        ("The first one", "Grace Hopper", 2),
        ("One without a speaker", "", 1),
        ("One with no notes", "", 0),
    ]
    assert [b.type for b in lightning.body] == ["paragraph"]
    assert event.days[1].talks[1].title == "A talk with only a title"


def test_a_paragraph_keeps_the_editors_inline_formatting_and_a_hard_break_starts_a_new_paragraph():
    (paragraph,) = blocks(
        "\nSome **bold**, *italic*, `x < y`, [docs](https://example.org/?a=1&b=2) and [a page](page:42).\\\nNext.\n"
    )

    assert paragraph.value == (
        '<p>Some <b>bold</b>, <i>italic</i>, <code>x &lt; y</code>, <a href="https://example.org/?a=1&amp;b=2">docs</a>'
        ' and <a id="42" linktype="page">a page</a>.</p><p>Next.</p>'
    )


def test_a_quote_attribution_naming_a_speaker_of_the_talk_links_to_that_speaker():
    quotes = blocks(
        """\
        speakers: Julia

        > Words.
        > — Julia

        > Other words.
        > — Someone Else
        """
    )
    assert [(q.value["speaker"], q.value["attribution"]) for q in quotes] == [("Julia", ""), ("", "Someone Else")]


def test_lists_nest_with_their_style_and_code_keeps_its_language_and_caption():
    numbered, code = blocks(
        """
        1. One
           1. One point one
        2. Two

        ```py settings.py
        DEBUG = True
        ```
        """
    )
    (sub_list,) = numbered.value["items"][0]["blocks"]
    assert numbered.value["style"] == "numbered"
    assert [item["text"] for item in numbered.value["items"]] == ["<p>One</p>", "<p>Two</p>"]
    assert sub_list.value == {
        "style": "numbered",
        "items": [{"text": "<p>One point one</p>", "blocks": [], "line": 13}],
    }
    assert code.value == {"language": "python", "code": "DEBUG = True\n", "caption": "settings.py"}


@pytest.mark.parametrize(
    ("body", "line", "message", "hint"),
    [
        ("speaker: Julia\n", 11, "unknown metadata key 'speaker'", "known keys: slug, speakers, kind"),
        ("\n###### Too deep\n", 12, "a ###### heading is too deep", "from ### (h2) to ##### (h4)"),
        ("\n![A chart](missing.png)\n", 12, "image file not found: missing.png", "relative to the notes file"),
        ("\n![A chart](https://example.org/c.png)\n", 12, "is not a file next to the notes", "nothing is downloaded"),
        ("time: 25:00\n", 11, "'25:00' is not a time", "time: 10:00–10:45"),
        ("kind: talky\n", 11, "unknown kind 'talky'", "use one of: talk, keynote"),
        ("\n### A **bold** `heading`\n", 12, "a heading cannot hold formatting (**, `)", "backslash"),
        ("\nText <span>with</span> <u>tags</u>\n", 12, "HTML is not imported: <span>, </span>, <u>, </u>", "<kbd>"),
        ("\n<div>html</div>\n", 12, "HTML is not imported", "Markdown"),
        ("room: A\nroom: B\n", 12, "'room' is given twice", "keep one `room:` line"),
    ],
)
def test_bad_input_is_an_error_with_file_line_and_a_hint(body, line, message, hint):
    error = error_of(body)

    assert f"notes.md:{line}: " in error
    assert message in error
    assert "hint: " in error and hint in error


def test_alt_text_is_left_to_the_image_block():
    # An image without alt text is well-formed notes: the image block's own rule reports it
    # when the notes are imported (test_notes_import), with the editor's message.
    (image,) = blocks("\n![](chart.png)\n", find_image=lambda path: (path, "sha1"))

    assert (image.type, image.value["image"].alt, image.value["image"].decorative) == ("image", "", False)


def test_a_talk_outside_any_day_is_an_error_naming_its_line():
    head = "---\nname: Test Con\ndates: 2024-05-15\nlocation: Somewhere\n---\n\n## Early talk\n"
    error = error_of("", head=head)
    assert "notes.md:7: the talk “Early talk” is outside any day" in error
    assert "`# Day 1` with `date: YYYY-MM-DD`" in error


@pytest.mark.parametrize(
    ("head", "line", "message"),
    [
        ("---\nname: X\ndates: 2024-13-01\nlocation: Y\n---\n", 3, "'2024-13-01' is not a date"),
        ("---\nname: X\ndates: 2024-05-01\nlocation: Y\nname: Z\n---\n", 5, "'name' is given twice"),
        ("---\nname: X: Y\ndates: 2024-05-01\nlocation: Y\n---\n", 2, "the front matter is not valid YAML"),
        ("---\nname: X\ndates: 2024-05-01\nlocation: Y\ntalk_heading: 9\n---\n", 5, "'9' is not a heading level"),
        ("---\nname: X\ndates: 2024-05-01\nlocation: Y\n---\n\n# Day 1\n", 7, "has no date"),
        ("name: X\n", 1, "do not start with front matter"),
    ],
)
def test_bad_event_or_day_metadata_is_an_error_with_its_line(head, line, message):
    error = error_of("", head=head)
    assert f"notes.md:{line}: " in error and message in error


def test_every_problem_in_the_file_is_reported_at_once():
    error = error_of("kind: talky\n\n###### Too deep\n\n- a <blink>b</blink>\n")
    assert [line.split(":")[1] for line in error.splitlines() if line.startswith("notes.md:")] == ["11", "13", "15"]


def test_a_decorative_image_needs_no_alt_text_and_keeps_caption_and_credit(tmp_path):
    from conference.tests.notes.notes_helpers import draw_png

    draw_png(tmp_path / "d.png")
    (image,) = blocks(
        "\n![](d.png)\ndecorative: yes\ncaption: A rule\n",
        find_image=lambda path: (tmp_path / path, "sha") if (tmp_path / path).exists() else None,
    )
    assert image.value["image"].decorative is True
    assert image.value["caption"] == "A rule"


def test_image_paths_cannot_leave_the_notes_folder(tmp_path):
    from conference.notes.files import ImageFolder

    (tmp_path / "notes").mkdir()
    from conference.tests.notes.notes_helpers import draw_png

    draw_png(tmp_path / "secret.png")
    assert ImageFolder(tmp_path / "notes")("../secret.png") is None
