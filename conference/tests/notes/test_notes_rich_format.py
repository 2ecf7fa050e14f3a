"""The notes format's rich constructs: items with blocks, formatting in quotes and cells, HTML, front matter."""

import textwrap

import pytest

from conference.notes.spec import NotesError
from conference.tests.notes.notes_helpers import HEAD, parse


def blocks(body: str):
    return parse(body).days[0].talks[0].body


def warnings(body: str, head: str = HEAD):
    return [(w.line, w.message) for w in parse(body, head).warnings]


def test_a_list_item_holds_rich_text_then_blocks_and_a_sub_list_of_its_own_style():
    (listing,) = blocks(
        """
        - **Steps** with [docs](https://example.org/)

          ```java
          int x = 1;
          ```

          1. one
          2. two `code`
        """
    )
    (item,) = listing.value["items"]
    assert item["text"] == '<p><b>Steps</b> with <a href="https://example.org/">docs</a></p>'
    code, sub_list = item["blocks"]
    assert (code.type, code.value["language"], code.line) == ("code", "java", 14)
    assert sub_list.value["style"] == "numbered"
    assert [i["text"] for i in sub_list.value["items"]] == ["<p>one</p>", "<p>two <code>code</code></p>"]


def test_quotes_and_table_cells_keep_formatting_and_links():
    quote, table = blocks(
        """
        > Say **it** with [a link](https://example.org/).
        > — Someone

        Table: Tools

        | Tool | Why |
        | --- | --- |
        | *pytest* | `fixtures`, see https://pytest.org/ |
        """
    )
    assert quote.value["text"] == '<p>Say <b>it</b> with <a href="https://example.org/">a link</a>.</p>'
    assert quote.value["attribution"] == "Someone"
    assert table.value["rows"] == [
        [
            "<p><i>pytest</i></p>",
            '<p><code>fixtures</code>, see <a href="https://pytest.org/">https://pytest.org/</a></p>',
        ]
    ]


def test_the_safe_html_subset_becomes_formatting_and_is_never_stored_as_html():
    (paragraph,) = blocks('\nPress <kbd>Ctrl</kbd>, H<sub>2</sub>O, <em>a</em><br><a href="https://x.org/">x</a>\n')

    assert paragraph.value == (
        '<p>Press <kbd>Ctrl</kbd>, H<sub>2</sub>O, <i>a</i></p><p><a href="https://x.org/">x</a></p>'
    )


def test_an_unsafe_link_in_html_is_an_error_and_every_bad_tag_of_a_line_is_named_at_once():
    with pytest.raises(NotesError) as caught:
        parse('\nA <a href="javascript:alert(1)">link</a> and <script>x</script> and <img src=x>\n')

    (line,) = [line for line in str(caught.value).splitlines() if line.startswith("notes.md:")]
    assert line.startswith("notes.md:12: HTML is not imported: ")
    for tag in ('<a href="javascript:alert(1)">', "<script>", "<img src=x>"):
        assert tag in line


def test_a_thematic_break_is_a_divider_and_empty_html_is_dropped_with_a_warning():
    body = "\nBefore\n\n---\n\n<p></p>\n\nAfter <kbd></kbd>\n"

    assert [b.type for b in blocks(body)] == ["paragraph", "divider", "paragraph"]
    assert warnings(body) == [
        (16, "empty HTML is dropped: <p></p>"),
        (18, "an empty <kbd> element is dropped"),
    ]


def test_any_pygments_language_is_kept_and_an_unknown_one_is_plain_text_with_a_warning():
    body = "\n```kotlin\nval x = 1\n```\n\n```c#\nvar x = 1;\n```\n\n```nonsense\nhello\n```\n"

    assert [b.value["language"] for b in blocks(body)] == ["kotlin", "csharp", "text"]
    assert warnings(body) == [(20, "unknown code language 'nonsense': the code is imported as plain text")]


def test_list_like_lines_continuing_a_paragraph_are_a_warning_each():
    body = "\nThe rules:\n    - Respect\n    2. Be prepared\n"

    assert blocks(body)[0].value == "<p>The rules: - Respect 2. Be prepared</p>"
    assert [line for line, _message in warnings(body)] == [13, 14]


def test_strict_makes_every_warning_an_error():
    with pytest.raises(NotesError) as caught:
        parse("\n```nonsense\nx\n```\n", strict=True)

    assert "notes.md:12: unknown code language 'nonsense'" in str(caught.value)
    assert "warning" not in str(caught.value)


def test_errors_are_reported_with_the_warnings_of_the_same_file():
    with pytest.raises(NotesError) as caught:
        parse("kind: talky\n\n```nonsense\nx\n```\n")

    assert [line.split(": ")[1] for line in str(caught.value).splitlines() if line.startswith("notes.md:")] == [
        "unknown kind 'talky'",
        "warning",
    ]


def test_yaml_front_matter_lists_unknown_keys_as_warnings_and_declares_heading_levels():
    head = textwrap.dedent(
        """\
        ---
        layout: post
        title: "Notes: JavaOne"
        dates: 2025-03-18
        location: Online
        tags: [java, notes]
        day_heading: 1
        talk_heading: 4
        ---

        # Day 1
        date: 2025-03-18

        #### A talk at level four

        ##### Its first section

        ###### Lightning talk: not one, a subsection

        Text.
        """
    )
    event = parse("", head=head)

    assert event.title == "Notes: JavaOne"
    (talk,) = event.days[0].talks
    assert talk.title == "A talk at level four"
    assert [(b.type, b.value.get("level") if b.type == "heading" else None) for b in talk.body] == [
        ("heading", "h2"),
        ("heading", "h3"),
        ("paragraph", None),
    ]
    assert [w.message for w in event.warnings] == [
        "the front matter key 'layout' is not used",
        "the front matter key 'tags' is not used",
    ]


def test_a_heading_between_the_day_and_talk_levels_is_an_error():
    head = (
        "---\nname: X\ndates: 2025-03-18\nlocation: Y\ntalk_heading: 3\n---\n\n# Day\ndate: 2025-03-18\n\n## Session\n"
    )
    with pytest.raises(NotesError) as caught:
        parse("", head=head)

    assert "notes.md:11: a ## heading is neither a day (#) nor a talk (###)" in str(caught.value)
