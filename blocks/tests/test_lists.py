"""List block: real, nested <ul>/<ol> lists, up to five levels deep."""

import pytest

from blocks.lists import MAX_LIST_DEPTH, ListBlock

from .utils import HOSTILE_TEXT, assert_escaped, clean_errors, parse, render_one


def item(text, *children):
    return {"text": text, "children": list(children)}


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
    html = render_one("list", {"style": "bulleted", "items": [item("Replicate the bug"), item("Write some code")]})

    ul = parse(html).find("ul")
    assert [li.get_text(strip=True) for li in ul.find_all("li", recursive=False)] == [
        "Replicate the bug",
        "Write some code",
    ]
    assert parse(html).find("ol") is None


def test_numbered_list_is_an_ol_at_every_level():
    html = render_one("list", {"style": "numbered", "items": nested_items(3)})

    soup = parse(html)
    walk_nesting(soup.find("ol"), 3, "ol")
    assert soup.find("ul") is None


@pytest.mark.parametrize("depth", [4, 5])
def test_list_nests_as_real_sub_lists(depth):
    html = render_one("list", {"style": "bulleted", "items": nested_items(depth)})

    soup = parse(html)
    top = soup.find("ul")
    assert top.find_parent(["ul", "ol", "li"]) is None
    deepest = walk_nesting(top, depth, "ul")
    assert len(deepest.find_parents("ul")) == depth
    assert len(soup.find_all("ul")) == depth


def test_sibling_items_stay_at_their_own_level():
    items = [item("Steps", item("Replicate the bug"), item("Write some code")), item("Write down what you learned")]

    html = render_one("list", {"style": "numbered", "items": items})

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
    while "children" in item_block.child_blocks:
        item_block = item_block.child_blocks["children"].child_block
        levels += 1

    assert levels == MAX_LIST_DEPTH == 5
    assert item_block.label == "Item (level 5)"


def test_list_item_text_is_escaped_at_every_level():
    html = render_one("list", {"style": "bulleted", "items": [item(HOSTILE_TEXT, item(HOSTILE_TEXT))]})

    assert_escaped(html)
    assert html.count("&lt;script&gt;") == 2
    outer = parse(html).find("li")
    assert own_text(outer) == HOSTILE_TEXT
    assert outer.find("li").get_text(strip=True) == HOSTILE_TEXT


def test_list_needs_at_least_one_item():
    errors = clean_errors(ListBlock(), {"style": "bulleted", "items": []})

    assert errors == {"blockErrors": {"items": {"messages": ["The minimum number of items is 1"]}}}


def test_list_item_needs_text():
    errors = clean_errors(ListBlock(), {"style": "bulleted", "items": [item("Fine", item(""))]})

    sub_item_errors = errors["blockErrors"]["items"]["blockErrors"][0]["blockErrors"]["children"]["blockErrors"]
    assert sub_item_errors[0]["blockErrors"]["text"]["messages"] == ["This field is required."]


def test_list_style_is_bulleted_or_numbered():
    assert clean_errors(ListBlock(), {"style": "numbered", "items": [item("One")]}) == {}

    errors = clean_errors(ListBlock(), {"style": "checklist", "items": [item("One")]})

    assert errors["blockErrors"]["style"]["messages"] == [
        "Select a valid choice. checklist is not one of the available choices."
    ]
