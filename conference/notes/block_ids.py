"""Block ids that survive re-imports, so a reader's link to `#h-<id>` keeps working.

A block's id is its anchor on the talk page. On a new page each block's id is made from its scope
(the talk), its type and its content, so importing the same notes anywhere gives the same ids, and
inserting or removing a block leaves the others' ids alone (a position-based id would shift them all).
On a page that already exists, the ids it has (made by an earlier import, or random ones from the
editor) are kept: blocks are aligned old against new with difflib, so an unchanged block keeps its id
wherever it moved, and a block edited in place keeps the id of the block it replaces.
"""

import difflib
import hashlib
import json

from .spec import block_id


def _without_ids(node):
    if isinstance(node, dict):
        return {key: _without_ids(value) for key, value in node.items() if key != "id"}
    if isinstance(node, list):
        return [_without_ids(value) for value in node]
    return node


def fingerprint(raw: dict) -> str:
    """The type and content of a stored block (its JSON form), ids inside it left out."""
    content = json.dumps([raw["type"], _without_ids(raw["value"])], sort_keys=True, default=str)
    return hashlib.sha256(content.encode()).hexdigest()[:16]


def renumber_children(node, prefix: str):
    """Give the blocks nested in a block (list items and their blocks) ids made from the block's id and
    their place in it: they follow their parent, and are not anchors of their own."""
    if isinstance(node, list):
        return [renumber_children(value, f"{prefix}/{i}") for i, value in enumerate(node)]
    if isinstance(node, dict):
        out = {key: renumber_children(value, f"{prefix}/{key}") for key, value in node.items()}
        if "id" in node and "type" in node:
            out["id"] = block_id(prefix)
        return out
    return node


def stable_ids(scope: str, new: list[dict], old: list[dict]) -> list[str]:
    """An id for each of the `new` stored blocks, reusing those of the `old` ones they continue."""
    new_prints = [fingerprint(raw) for raw in new]
    old_prints = [fingerprint(raw) for raw in old]
    ids: list[str | None] = [None] * len(new)
    used: set[str] = set()

    def take(j, i):
        if ids[j] is None and old[i]["id"] and old[i]["id"] not in used:
            ids[j] = old[i]["id"]
            used.add(old[i]["id"])

    matcher = difflib.SequenceMatcher(a=old_prints, b=new_prints, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                take(j1 + k, i1 + k)
        elif tag == "replace":
            # Edited in place: pair the blocks of the changed stretch in order, when of the same type.
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                if old[i]["type"] == new[j]["type"]:
                    take(j, i)
    # A block moved elsewhere shows as a delete and an insert: it keeps its id too.
    free = {}
    for i, (raw, mark) in enumerate(zip(old, old_prints, strict=True)):
        if raw["id"] not in used:
            free.setdefault(mark, []).append(i)
    for j, mark in enumerate(new_prints):
        if ids[j] is None and free.get(mark):
            take(j, free[mark].pop(0))
    # The rest are new blocks: ids from their content, numbered when the same content repeats.
    for j, mark in enumerate(new_prints):
        if ids[j] is None:
            n = 0
            while (candidate := block_id(scope, new[j]["type"], mark, n)) in used:
                n += 1
            ids[j] = candidate
            used.add(candidate)
    return ids
