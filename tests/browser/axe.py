"""Running axe-core (bundled in axe-playwright-python) with our target rule set."""

import re

from axe_playwright_python.sync_playwright import Axe

from home.content_checker import WCAG_22_AA_TAGS

# WCAG 2.0, 2.1 and 2.2, levels A and AA, plus axe's best practices.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_22_AA_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()
# axe's whole results (every rule that passed, with its elements) are hundreds of kilobytes per
# page; only the violations come back to Python.
_RUN = "options => axe.run(document, options).then(results => results.violations)"


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page, as `Axe().run(page, options=AXE_OPTIONS)` finds them."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe.axe_script)
    return page.evaluate(_RUN, AXE_OPTIONS)


def describe(violations, where="") -> str:
    """One readable line per failing element, e.g. for an assertion message."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " > ".join(str(part) for part in node["target"])
            lines.append(f"{where}{violation['id']} ({violation['impact']}): {target}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").splitlines()
            related = [
                r["html"][:120] for check in node["any"] + node["all"] + node["none"] for r in check["relatedNodes"]
            ]
            lines.append(f"    {summary[-1] if summary else ''}{f' (see also: {related[0]})' if related else ''}")
    return "\n".join(lines)


def split_by_allow_list(violations, allow_list):
    """(violations not on the allow-list, allow-list entries that matched nothing).

    Each allow-list entry is (axe rule, pattern matched against the failing element's HTML, why it is allowed).
    """
    unexplained, used = [], set()
    for violation in violations:
        nodes = []
        for node in violation["nodes"]:
            entry = next(
                (
                    i
                    for i, (rule, pattern, _why) in enumerate(allow_list)
                    if rule == violation["id"] and re.search(pattern, node["html"])
                ),
                None,
            )
            if entry is None:
                nodes.append(node)
            else:
                used.add(entry)
        if nodes:
            unexplained.append({**violation, "nodes": nodes})
    return unexplained, [entry for i, entry in enumerate(allow_list) if i not in used]
