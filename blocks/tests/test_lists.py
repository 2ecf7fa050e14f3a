"""List block: real, nested <ul>/<ol> lists, up to five levels deep, whose items hold rich text and blocks."""

from html import escape

import pytest

from blocks.lists import MAX_LIST_DEPTH, ListBlock

from .utils import HOSTILE_TEXT, assert_escaped, clean_errors, parse, render_one


def item(text, *children, style="", blocks=()):
    """An item with plain `text` (escaped into rich text), then `blocks`, then a sub-list of `children`."""
    under = list(blocks)
    if children:
        under.append({"type": "list", "value": {"style": style or "same", "items": list(children)}})
    return {"text": f"<p>{escape(text, quote=False)}</p>" if text else "", "blocks": under}


def same_style(items, style):
    """Give every sub-list written with style "same" its parent's style."""
    for it in items:
        for child in it["blocks"]:
            if child["type"] == "list":
                if child["value"]["style"] == "same":
                    child["value"]["style"] = style
                same_style(child["value"]["items"], child["value"]["style"])
    return items


def a_list(style, items):
    return {"style": style, "items": same_style(items, style)}


def nested_items(depth: int, prefix: str = "Level"):
    """One item per level, each the only child of the one above: `Level 1` … `Level <depth>`."""
    innermost = item(f"{prefix} {depth}")
    for level in range(depth - 1, 0, -1):
        innermost = item(f"{prefix} {level}", innermost)
    return [innermost]


def own_text(li) -> str:
    """The item's own words, without those of its sub-items."""
    return "".join(li.find_all(string=True, recursive=False)).strip()


def walk_nesting(list_element, depth: int, list_tag: str):
    """Follow list > li > list > li … down `depth` levels, checking each level is a real nested list."""
    current = list_element
    for level in range(1, depth + 1):
        assert current.name == list_tag, f"level {level} is a <{current.name}>, expected <{list_tag}>"
        li = current.find("li", recursive=False)
        assert li is not None, f"level {level} has no <li> directly inside the <{list_tag}>"
        assert own_text(li) == f"Level {level}"
        nested = li.find(["ul", "ol"], recursive=False)
        if level < depth:
            assert nested is not None, f"the level {level} item holds no nested list"
            current = nested
        else:
            assert nested is None
    return li


def test_bulleted_list_is_a_ul_of_items():
    html = render_one("list", a_list("bulleted", [item("Replicate the bug"), item("Write some code")]))

    ul = parse(html).find("ul")
    assert [li.get_text(strip=True) for li in ul.find_all("li", recursive=False)] == [
        "Replicate the bug",
        "Write some code",
    ]
    assert parse(html).find("ol") is None


def test_numbered_list_is_an_ol_at_every_level():
    html = render_one("list", a_list("numbered", nested_items(3)))

    soup = parse(html)
    walk_nesting(soup.find("ol"), 3, "ol")
    assert soup.find("ul") is None


@pytest.mark.parametrize("depth", [4, 5])
def test_list_nests_as_real_sub_lists(depth):
    html = render_one("list", a_list("bulleted", nested_items(depth)))

    soup = parse(html)
    top = soup.find("ul")
    assert top.find_parent(["ul", "ol", "li"]) is None
    deepest = walk_nesting(top, depth, "ul")
    assert len(deepest.find_parents("ul")) == depth
    assert len(soup.find_all("ul")) == depth


def test_sibling_items_stay_at_their_own_level():
    items = [item("Steps", item("Replicate the bug"), item("Write some code")), item("Write down what you learned")]

    html = render_one("list", a_list("numbered", items))

    top = parse(html).find("ol")
    first, second = top.find_all("li", recursive=False)
    assert own_text(first) == "Steps"
    assert [li.get_text(strip=True) for li in first.ol.find_all("li", recursive=False)] == [
        "Replicate the bug",
        "Write some code",
    ]
    assert own_text(second) == "Write down what you learned"
    assert second.find(["ul", "ol"]) is None


def test_editor_offers_sub_items_down_to_level_five_and_no_further():
    item_block = ListBlock().child_blocks["items"].child_block
    levels = 1
    while "list" in item_block.child_blocks["blocks"].child_blocks:
        item_block = item_block.child_blocks["blocks"].child_blocks["list"].child_blocks["items"].child_block
        levels += 1

    assert levels == MAX_LIST_DEPTH == 5
    assert item_block.label == "Item (level 5)"


def test_list_item_text_is_escaped_at_every_level():
    html = render_one("list", a_list("bulleted", [item(HOSTILE_TEXT, item(HOSTILE_TEXT))]))

    assert_escaped(html)
    assert html.count("&lt;script&gt;") == 2
    outer = parse(html).find("li")
    assert own_text(outer) == HOSTILE_TEXT
    assert outer.find("li").get_text(strip=True) == HOSTILE_TEXT


def test_list_needs_at_least_one_item():
    errors = clean_errors(ListBlock(), {"style": "bulleted", "items": []})

    assert errors == {"blockErrors": {"items": {"messages": ["The minimum number of items is 1"]}}}


def test_list_item_needs_text_or_a_block():
    errors = clean_errors(ListBlock(), a_list("bulleted", [item("Fine", item(""))]))

    sub_list = errors["blockErrors"]["items"]["blockErrors"][0]["blockErrors"]["blocks"]["blockErrors"][0]
    assert sub_list["blockErrors"]["items"]["blockErrors"][0]["blockErrors"]["text"]["messages"] == [
        "This list item is empty: write its text, add a block under it, or remove it."
    ]


def test_an_item_may_hold_only_blocks():
    code = {"type": "code", "value": {"language": "bash", "code": "make run", "caption": ""}}

    assert clean_errors(ListBlock(), a_list("numbered", [item("", blocks=[code])])) == {}


def test_list_item_keeps_inline_formatting_and_links():
    rich = {"text": '<p>Use <b>bold</b>, <i>italic</i>, <code>code</code> and <a href="https://x.org/">a link</a></p>'}

    html = render_one("list", {"style": "bulleted", "items": [dict(rich, blocks=[])]})

    li = parse(html).find("li")
    assert li.find("p") is None  # one paragraph of text is the item's own line
    assert [tag.name for tag in li.find_all(["b", "i", "code", "a"])] == ["b", "i", "code", "a"]
    assert li.a["href"] == "https://x.org/"


def test_a_sub_list_has_its_own_style_and_items_hold_blocks_after_their_text():
    code = {"type": "code", "value": {"language": "java", "code": "class A {}", "caption": ""}, "id": "c1"}
    table = {
        "type": "table",
        "value": {
            "caption": "Tools",
            "columns": [{"type": "text", "heading": "Tool"}],
            "rows": [{"values": ["<p><b>pytest</b></p>"]}],
        },
        "id": "t1",
    }
    items = [item("Steps", item("First"), item("Second"), style="numbered", blocks=[code, table])]

    html = render_one("list", a_list("bulleted", items))

    li = parse(html).find("ul").find("li")
    assert [child.name for child in li.find_all(recursive=False)] == ["figure", "div", "ol"]
    assert li.figure["id"] == "code-c1"  # the nested block's own id, not the list's
    assert li.find("table").find("th", scope="row").b.get_text() == "pytest"
    assert [x.get_text(strip=True) for x in li.ol.find_all("li")] == ["First", "Second"]


def test_list_style_is_bulleted_or_numbered():
    assert clean_errors(ListBlock(), a_list("numbered", [item("One")])) == {}

    errors = clean_errors(ListBlock(), {"style": "checklist", "items": [item("One")]})

    assert errors["blockErrors"]["style"]["messages"] == [
        "Select a valid choice. checklist is not one of the available choices."
    ]
