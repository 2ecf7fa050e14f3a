"""Fill in Wagtail admin forms the way a browser does, for tests that go through the admin views.

`page_form_data(html)` reads the page editor's form like a browser submits it: every named input,
select and textarea (ticked checkboxes only, nothing inside an inline panel's <template>), plus each
StreamField, which the editor draws with JavaScript from the JSON state in its `data-w-block-*`
attributes and which `encode_block` turns into the fields that JavaScript would post.
"""

import json

from bs4 import BeautifulSoup
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

from conference.models import TalkPage

SKIPPED_INPUT_TYPES = {"submit", "button", "file", "image", "reset"}


def _inside_template(element) -> bool:
    return any(parent.name == "template" for parent in element.parents)


def form_fields(html: str, form_id: str = "page-edit-form") -> dict[str, list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id)
    assert form is not None, f"no form #{form_id} on the page"
    data: dict[str, list[str]] = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or _inside_template(element):
            continue
        if element.name == "input":
            kind = element.get("type", "text")
            if kind in SKIPPED_INPUT_TYPES or (kind in ("checkbox", "radio") and not element.has_attr("checked")):
                continue
            value = element.get("value", "on" if kind in ("checkbox", "radio") else "")
        elif element.name == "select":
            chosen = element.find_all("option", selected=True) or element.find_all("option")[:1]
            if element.has_attr("multiple"):
                data.setdefault(name, []).extend(
                    o.get("value", o.text) for o in element.find_all("option", selected=True)
                )
                continue
            value = chosen[0].get("value", chosen[0].text) if chosen else ""
        else:
            value = element.text.removeprefix("\n")
        data.setdefault(name, []).append(value)
    return data


def stream_states(html: str) -> dict[str, list]:
    """{field name: JSON state} for every StreamField in the page editor."""
    soup = BeautifulSoup(html, "html.parser")
    states = {}
    for div in soup.find_all("div", attrs={"data-w-block-arguments-value": True}):
        if _inside_template(div):
            continue
        value, _errors = json.loads(div["data-w-block-arguments-value"])
        states[div["id"]] = value
    return states


def stream_errors(html: str) -> dict[str, list[str]]:
    """{field name: every error message inside that StreamField}, as the editor shows them beside the blocks."""
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for div in soup.find_all("div", attrs={"data-w-block-arguments-value": True}):
        if not _inside_template(div):
            _value, errors = json.loads(div["data-w-block-arguments-value"])
            found[div["id"]] = list(_messages(errors))
    return found


def _messages(errors):
    if isinstance(errors, dict):
        yield from errors.get("messages", [])
        for child in (errors.get("blockErrors") or {}).values():
            yield from _messages(child)
    elif isinstance(errors, list):
        for child in errors:
            yield from _messages(child)


def encode_block(block, state, prefix: str) -> dict[str, object]:
    """The POST fields Wagtail's block JavaScript sends for `state` (a block's get_form_state())."""
    data: dict[str, object] = {}
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = len(state)
        for i, child in enumerate(state):
            data.update({f"{prefix}-{i}-type": child["type"], f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": i})
            data[f"{prefix}-{i}-id"] = child.get("id") or ""
            data.update(encode_block(block.child_blocks[child["type"]], child["value"], f"{prefix}-{i}-value"))
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = len(state)
        for i, item in enumerate(state):
            data.update(
                {f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": i, f"{prefix}-{i}-id": item.get("id") or ""}
            )
            data.update(encode_block(block.child_block, item["value"], f"{prefix}-{i}-value"))
    elif isinstance(block, TypedTableBlock):
        data[f"{prefix}-caption"] = state["caption"]
        data[f"{prefix}-column-count"] = len(state["columns"])
        for c, column in enumerate(state["columns"]):
            data.update(
                {
                    f"{prefix}-column-{c}-type": column["type"],
                    f"{prefix}-column-{c}-heading": column["heading"],
                    f"{prefix}-column-{c}-order": c,
                    f"{prefix}-column-{c}-deleted": "",
                }
            )
        data[f"{prefix}-row-count"] = len(state["rows"])
        for r, row in enumerate(state["rows"]):
            data.update({f"{prefix}-row-{r}-order": r, f"{prefix}-row-{r}-deleted": ""})
            for c, (column, cell) in enumerate(zip(state["columns"], row["values"], strict=True)):
                data.update(encode_block(block.child_blocks[column["type"]], cell, f"{prefix}-cell-{r}-{c}"))
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            data.update(encode_block(child, state.get(name), f"{prefix}-{name}"))
    elif isinstance(block, blocks.BooleanBlock):
        if state:
            data[prefix] = "on"
    elif isinstance(state, dict):  # a chooser (image, page, document): its state names the chosen object
        data[prefix] = state["id"]
    elif isinstance(state, list):  # a <select>: the list of chosen values
        data[prefix] = state[0] if len(state) == 1 else state
    else:
        data[prefix] = "" if state is None else state
    return data


def page_form_data(html: str, model=TalkPage, **overrides) -> dict[str, object]:
    """What the page editor would post for the form in `html`, with `overrides` applied."""
    data: dict[str, object] = {
        name: values[0] if len(values) == 1 else values for name, values in form_fields(html).items()
    }
    for name, state in stream_states(html).items():
        field = model._meta.get_field(name)
        data.update(encode_block(field.stream_block, state, name))
    data.update(overrides)
    return data


def body_fields(body_state: list, model=TalkPage, name: str = "body") -> dict[str, object]:
    """The POST fields for a StreamField given its JSON state (e.g. from get_form_state or the editor)."""
    return encode_block(model._meta.get_field(name).stream_block, body_state, name)
