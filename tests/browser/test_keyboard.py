"""Keyboard use: the skip link, a visible focus indicator on every link and control, scrolling wide code."""

import re

import pytest

from .conftest import DESKTOP, PHONE

# Marks every element a keyboard user could land on, and notes how it looks unfocused.
MARK_FOCUSABLES = """() => {
  const selector = ['a[href]', 'button', 'input:not([type=hidden])', 'select', 'textarea', 'summary',
                    '[tabindex]:not([tabindex="-1"])'].join(', ');
  const look = (el) => {
    const s = getComputedStyle(el);
    return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow};
  };
  window.__unfocused = {};
  [...document.querySelectorAll(selector)].forEach((el, i) => {
    el.dataset.kbIndex = String(i);
    window.__unfocused[i] = look(el);
  });
  return [...document.querySelectorAll('[data-kb-index]')]
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .map((el) => el.dataset.kbIndex);
}"""

# How the focused element looks now, where it is, and the colour behind its outline.
DESCRIBE_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || !el.dataset.kbIndex) return null;
  const s = getComputedStyle(el);
  let behind = 'rgba(0, 0, 0, 0)';
  for (let node = el.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') { behind = colour; break; }
  }
  const r = el.getBoundingClientRect();
  return {
    index: el.dataset.kbIndex,
    name: el.tagName.toLowerCase() + ' “' +
      (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '”',
    before: window.__unfocused[el.dataset.kbIndex],
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
    outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow,
    behind: behind === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : behind,
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
  };
}"""


def _rgb(colour: str) -> tuple[float, float, float]:
    red, green, blue = (float(part) for part in re.findall(r"[\d.]+", colour)[:3])
    return red, green, blue


def contrast(colour_a: str, colour_b: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(colour):
        channels = []
        for value in _rgb(colour):
            value /= 255
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(colour_a), luminance(colour_b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def focus_indicator_problem(focused: dict) -> str | None:
    """Why this focused element has no visible focus indicator, or None when it has one."""
    if not focused["inView"]:
        return "is not on screen when focused"
    outline_shown = (
        focused["outlineStyle"] not in ("none", "hidden")
        and focused["outlineWidth"] >= 2
        and focused["outline"] != focused["before"]["outline"]
    )
    shadow_shown = focused["boxShadow"] != "none" and focused["boxShadow"] != focused["before"]["boxShadow"]
    if not (outline_shown or shadow_shown):
        return f"looks the same focused and unfocused (outline {focused['outline']}, box-shadow {focused['boxShadow']})"
    # WCAG 1.4.11: the indicator needs 3:1 against what is behind it.
    if outline_shown and contrast(focused["outlineColor"], focused["behind"]) < 3:
        return f"has a focus outline ({focused['outlineColor']}) under 3:1 against {focused['behind']}"
    return None


def tab_through(page, limit=400):
    """Press Tab from the top of the page until focus leaves it; describe each element reached."""
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(DESCRIBE_FOCUSED)
        if focused is None or any(seen["index"] == focused["index"] for seen in reached):
            return reached
        reached.append(focused)
    raise AssertionError(f"Tab never left the page after {limit} presses")


def test_the_first_tab_reaches_the_skip_link_and_it_moves_focus_to_the_main_content(open_page, demo):
    page = open_page()
    for path in ["/", demo.url, "/search/?q=django", "/no-such-page/"]:
        page.goto(path)

        page.keyboard.press("Tab")
        skip = page.evaluate(
            "() => { const el = document.activeElement, r = el.getBoundingClientRect();"
            " return {text: el.textContent.trim(), href: el.getAttribute('href'),"
            " inView: r.top >= 0 && r.height > 0}; }"
        )
        assert skip == {"text": "Skip to main content", "href": "#main", "inView": True}, path

        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", path
        # The next Tab continues from the main content, past the header and breadcrumbs.
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('main').contains(document.activeElement)"), path


@pytest.mark.parametrize(
    ("where", "viewport"),
    [("talk", DESKTOP), ("talk", PHONE), ("search", DESKTOP), ("statement", DESKTOP)],
    ids=["talk-desktop", "talk-phone", "search-desktop", "statement-desktop"],
)
def test_every_link_and_control_is_reached_by_tab_and_shows_a_visible_focus_indicator(open_page, demo, where, viewport):
    path = {"talk": demo.url, "search": "/search/?q=django", "statement": "/accessibility/"}[where]
    page = open_page(viewport)
    page.goto(path)
    focusable = page.evaluate(MARK_FOCUSABLES)

    reached = tab_through(page)

    assert len(reached) > 10, f"only {len(reached)} elements reached on {path}"
    missed = sorted(set(focusable) - {focused["index"] for focused in reached}, key=int)
    assert not missed, f"not reachable with Tab on {path}: elements {missed}"
    problems = [f"{focused['name']} {problem}" for focused in reached if (problem := focus_indicator_problem(focused))]
    assert not problems, f"on {path}:\n" + "\n".join(problems)


def test_a_code_block_wider_than_the_screen_can_be_reached_and_scrolled_with_the_keyboard(open_page, demo):
    page = open_page(PHONE)
    page.goto(demo.url)
    region = page.locator(".code-scroll", has_text="for_event_with_speakers_and_lightning_talks")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the code should be wider than a phone"
    assert region.get_attribute("role") == "region" and region.get_attribute("aria-labelledby")

    for _ in range(200):
        page.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the wide code block")

    assert region.evaluate("el => el.scrollLeft") == 0
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    # Chromium animates keyboard scrolling: wait for it to move, then to settle.
    code = region.element_handle()
    page.wait_for_function("el => el.scrollLeft > 0", arg=code)
    scrolled = settled_scroll_left(page, region)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("([el, from]) => el.scrollLeft < from", arg=[code, scrolled])


def settled_scroll_left(page, region) -> float:
    """The region's scrollLeft once Chromium's animated scroll has stopped: the same over two frames."""
    return region.evaluate(
        """el => new Promise(resolve => {
            let last = el.scrollLeft;
            const check = () => requestAnimationFrame(() => requestAnimationFrame(() => {
                if (el.scrollLeft === last) resolve(last);
                else { last = el.scrollLeft; check(); }
            }));
            check();
        })"""
    )
