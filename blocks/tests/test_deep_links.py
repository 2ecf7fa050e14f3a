"""Deep links: every top-level block carries its id as an anchor, and headings offer a link to themselves."""

import pytest

from .test_code import code
from .test_table import table
from .test_text import quote
from .utils import HOSTILE_TEXT, assert_escaped, parse, render_body, render_one

LIST = {"style": "bulleted", "items": [{"text": "<p>One</p>", "blocks": []}]}


@pytest.mark.parametrize(
    ("block_type", "value", "anchor"),
    [
        ("paragraph", "<p>Some words.</p>", "p-b1"),
        ("heading", {"level": "h2", "text": "A section"}, "h-b1"),
        ("quote", quote(attribution="@lacey"), "q-b1"),
        ("list", LIST, "l-b1"),
        ("code", code(caption="hello.py"), "code-b1"),
        ("table", table(), "t-b1"),
        ("divider", None, "d-b1"),
    ],
)
def test_every_top_level_block_has_an_anchor_made_from_its_id(block_type, value, anchor):
    html = render_one(block_type, value)
    assert len(parse(html).select(f"#{anchor}")) == 1


def test_a_heading_is_followed_by_a_link_to_itself_named_after_it():
    html = render_one("heading", {"level": "h3", "text": "Writing good tests"}, block_id="abc")
    page = parse(html)
    heading, link = page.h3, page.select_one("a.heading-anchor")
    # The link sits after the heading, not in it: the heading's name stays its own text.
    assert heading.get_text() == "Writing good tests"
    assert link.find_parent("h3") is None
    assert link["href"] == "#h-abc"
    assert link.select_one(".visually-hidden").get_text() == "Link to section: Writing good tests"
    assert link.select_one('[aria-hidden="true"]').get_text() == "#"


def test_heading_link_text_is_escaped():
    assert_escaped(render_one("heading", {"level": "h2", "text": HOSTILE_TEXT}))


def test_anchors_are_unique_on_a_page():
    html = render_body(
        [
            {"type": "heading", "value": {"level": "h2", "text": "Same"}},
            {"type": "heading", "value": {"level": "h2", "text": "Same"}},
            {"type": "paragraph", "value": "<p>x</p>"},
        ]
    )
    ids = [tag["id"] for tag in parse(html).select("[id]")]
    assert len(ids) == len(set(ids)) == 3
