"""Helpers shared by the block tests: render blocks the way a talk page does, and read the results."""

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template import Context, Template

from blocks.body import TalkBodyBlock

# A value that would run script, break out of an attribute or swallow the next entity if a template
# forgot to escape it.
HOSTILE_TEXT = '<script>alert("x")</script> & "q"'

BODY_TEMPLATE = Template("{% load wagtailcore_tags %}{% for block in body %}{% include_block block %}{% endfor %}")


def render_body(children, stream_block=None) -> str:
    """Render raw stream data (a list of {"type", "value", "id"}) as talk_page.html does."""
    stream_block = stream_block or TalkBodyBlock()
    for index, child in enumerate(children):
        child.setdefault("id", f"block{index}")
    body = stream_block.to_python(children)
    return BODY_TEMPLATE.render(Context({"body": body}))


def render_one(block_type: str, value, block_id: str = "b1") -> str:
    """Render one talk body block, with a block id, as it appears on a talk page."""
    return render_body([{"type": block_type, "value": value, "id": block_id}])


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def assert_escaped(html: str) -> None:
    """The hostile text came out as text a reader sees, not as markup the browser runs."""
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html


def clean_errors(block, raw) -> dict:
    """Clean `raw` with `block` and return the errors as the editor receives them (empty when valid)."""
    try:
        block.clean(block.to_python(raw))
    except ValidationError as error:
        return error.as_json_data()
    return {}


def text_of(tag) -> str:
    """The text a reader sees in `tag`, with runs of whitespace collapsed."""
    return " ".join(tag.get_text().split())
