"""Running IBM's Equal Access checker (accessibility-checker-engine's ace.js) beside axe-core.

The engine comes from the npm registry, pinned exactly in tests/browser/package.json and
package-lock.json, and is installed by `make install` (`npm ci`) into tests/browser/node_modules.
Like axe, it is evaluated inside the page through Playwright (not a <script> tag, which the
site's Content-Security-Policy would rightly refuse), then run with the `IBM_Accessibility`
rule set.

Only violations fail (`value` ["VIOLATION", "FAIL"]): the rules the engine decides by itself.
"Potential violations" (["VIOLATION", "POTENTIAL"]) and recommendations are questions for a
person to answer (is this text a heading? is this contrast over an image enough?), not defects
the engine found; failing on them would mean asserting answers nobody checked. They are counted
and can be listed with `ace_results(page, levels=...)`.
"""

import os
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent / "node_modules" / "accessibility-checker-engine" / "ace.js"
RULESET = "IBM_Accessibility"
INSTALL_HINT = (
    "IBM's Equal Access engine is not installed (tests/browser/node_modules/accessibility-checker-engine/ace.js"
    " is missing). Install Node.js and npm (Debian: `sudo apt-get install -y nodejs npm`), then run `make install`"
    " (it runs `npm ci` in tests/browser/)."
)

# Checks the page, then hands back only the fields a failure message needs: the whole report
# holds a result for every rule and element, passes included (thousands of them).
_CHECK = """async ([ruleset, levels]) => {
    const report = await new ace.Checker().check(document, [ruleset]);
    // The engine's own pairs, named the way the accessibility-checker's reports name them.
    const level = ([policy, outcome]) => outcome === "PASS" ? "pass" : outcome === "MANUAL" ? "manual"
        : (outcome === "POTENTIAL" ? "potential" : "") + (policy === "VIOLATION" ? "violation" : "recommendation");
    return report.results
        .map(r => ({ruleId: r.ruleId, level: level(r.value), message: r.message, snippet: r.snippet, path: r.path.dom}))
        .filter(r => levels.includes(r.level));
}"""


def ace_required() -> bool:
    """Where the browser tests must run (CI=true, REQUIRE_BROWSER=1), a missing engine fails them too."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


def ace_available() -> bool:
    return ENGINE.is_file()


def require_ace():
    """Fail (in CI) or skip (elsewhere) with the way to install the engine, when it is missing."""
    if ace_available():
        return
    if ace_required():
        pytest.fail(f"{INSTALL_HINT} CI=true or REQUIRE_BROWSER=1 is set, so this is a failure.", pytrace=False)
    pytest.skip(INSTALL_HINT)


_source = None


def ace_results(page, levels=("violation",)) -> list[dict]:
    """The engine's results of the given levels for the page as it is now, e.g. ("violation", "potentialviolation")."""
    global _source
    if _source is None:
        _source = ENGINE.read_text(encoding="utf-8")
    # ace.js defines a global `ace`; evaluated once per document (a navigation clears it).
    if not page.evaluate("typeof window.ace !== 'undefined'"):
        page.evaluate(f"() => {{ {_source}\n; window.ace = ace; }}")
    return page.evaluate(_CHECK, [RULESET, list(levels)])


def ace_violations(page) -> list[dict]:
    return ace_results(page)


def describe_ace(results, where="") -> str:
    """One readable line per failing element, like axe.describe()."""
    return "\n".join(
        f"{where}{r['ruleId']} ({r['level']}): {r['path']}: {r['snippet'][:160]}\n    {r['message']}" for r in results
    )


class Findings:
    """What axe and IBM's checker find on the pages a test visits, asserted together at its end."""

    def __init__(self):
        from .axe import axe_violations, describe

        self._axe, self._describe = axe_violations, describe
        self.with_ibm = ace_available()
        self.axe, self.ibm = [], []

    def check(self, page, where: str) -> None:
        self.axe.append(self._describe(self._axe(page), where=f"{where}: "))
        if self.with_ibm:
            self.ibm.append(describe_ace(ace_violations(page), where=f"{where}: "))

    def assert_none(self, context: str) -> None:
        problems = "\n".join(line for line in self.axe if line)
        assert not problems, f"axe-core found problems {context}:\n{problems}"
        problems = "\n".join(line for line in self.ibm if line)
        assert not problems, f"IBM Equal Access found violations {context}:\n{problems}"
        require_ace()  # axe has passed; without the IBM engine, say so (a failure in CI)
