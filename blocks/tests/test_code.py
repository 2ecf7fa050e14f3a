"""Code block: highlighted server-side, readable colours, reachable and named for keyboard and screen readers."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.management import call_command
from django.test.signals import template_rendered
from pygments.styles import get_style_by_name

from blocks.code import COMMON_LANGUAGES, PYGMENTS_STYLE, CodeBlock
from blocks.management.commands import write_code_css

from .utils import HOSTILE_TEXT, assert_escaped, clean_errors, parse, render_body, render_one, text_of

PYTHON_SNIPPET = 'def greet(name):\n\n    return f"Hello, {name}"  # friendly\n'
CODE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "code.css"


def code(source=PYTHON_SNIPPET, language="python", caption=""):
    return {"language": language, "code": source, "caption": caption}


def region_of(html):
    return parse(html).find(attrs={"role": "region"})


# Rendering


def test_python_is_highlighted_with_pygments_token_classes():
    html = render_one("code", code())

    pre_code = parse(html).select_one("figure.code-block pre.highlight > code")
    assert pre_code["data-language"] == "python"
    assert pre_code.find("span", class_="k", string="def")
    assert pre_code.find("span", class_="nf", string="greet")
    assert pre_code.find("span", class_="c1", string="# friendly")


def test_code_is_shown_exactly_as_pasted():
    source = "\n  first = 1\n\n\n      second = 2   \n"

    html = render_one("code", code(source=source))

    assert parse(html).find("pre").get_text() == source


def test_code_region_is_focusable_and_labelled_by_its_caption():
    html = render_one("code", code(caption="greetings.py"), block_id="c42")

    soup = parse(html)
    region = soup.find(attrs={"role": "region"})
    assert region["tabindex"] == "0"
    assert region.find("pre") is not None
    label = soup.find(id=region["aria-labelledby"])
    assert label.name == "figcaption"
    assert text_of(label) == "greetings.py (Python)"
    assert not region.has_attr("aria-label")


def test_code_region_without_caption_is_named_after_its_language():
    html = render_one("code", code(language="pycon", source=">>> 1 + 1\n2\n"))

    region = region_of(html)
    assert region["tabindex"] == "0"
    assert region["aria-label"] == "Python console session code"
    assert not region.has_attr("aria-labelledby")
    assert parse(html).find("figcaption") is None


def test_two_code_blocks_on_one_page_are_each_labelled_by_their_own_caption():
    html = render_body(
        [
            {"type": "code", "id": "first", "value": code(caption="models.py")},
            {"type": "code", "id": "second", "value": code(caption="views.py")},
        ]
    )

    soup = parse(html)
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    labels = [text_of(soup.find(id=region["aria-labelledby"])) for region in soup.find_all(attrs={"role": "region"})]
    assert labels == ["models.py (Python)", "views.py (Python)"]


def test_plain_text_is_not_highlighted():
    html = render_one("code", code(language="text", source="def greet(name): pass\n"))

    pre_code = parse(html).find("pre").code
    assert pre_code.find("span") is None
    assert not pre_code.has_attr("data-language")
    assert pre_code.get_text() == "def greet(name): pass\n"
    assert region_of(html)["aria-label"] == "Plain text code"


@pytest.mark.parametrize("language", [value for value, _label in COMMON_LANGUAGES])
def test_every_offered_language_renders(language):
    html = render_one("code", code(language=language, source="x = 1\n"))

    assert parse(html).find("pre").get_text() == "x = 1\n"


@pytest.mark.parametrize("language", ["python", "html", "text"])
def test_code_is_escaped(language):
    html = render_one("code", code(language=language, source=HOSTILE_TEXT))

    assert "<script" not in html
    assert "&lt;" in html
    # Highlighting splits the text into token spans and Pygments ends the last line with a newline;
    # the reader still sees exactly the text that was pasted.
    assert parse(html).find("pre").get_text().rstrip("\n") == HOSTILE_TEXT


def test_code_caption_is_escaped():
    html = render_one("code", code(caption=HOSTILE_TEXT))

    assert_escaped(html)
    assert text_of(parse(html).figcaption) == f"{HOSTILE_TEXT} (Python)"


def test_stylesheet_selectors_match_the_rendered_tokens():
    """code.css styles `.code-block .highlight .<token>`: the markup must carry those classes."""
    html = render_one("code", code())
    css = CODE_CSS.read_text()

    soup = parse(html)
    for token_class, word in [("k", "def"), ("nf", "greet"), ("c1", "# friendly")]:
        assert f".code-block .highlight .{token_class} {{" in css
        assert word in [span.get_text() for span in soup.select(f".code-block .highlight .{token_class}")]


# Validation


def test_code_language_is_required():
    errors = clean_errors(CodeBlock(), code(language=""))

    assert errors == {
        "blockErrors": {
            "language": {
                "messages": [
                    "The code block starting “def greet(name):” has no language. Choose one, or “Plain text” if "
                    "none fits: it sets the highlighting and tells screen reader users what they are hearing."
                ]
            }
        }
    }


def test_code_language_must_be_one_offered():
    errors = clean_errors(CodeBlock(), code(language="not-a-language"))

    assert errors["blockErrors"]["language"]["messages"] == [
        "Select a valid choice. not-a-language is not one of the available choices."
    ]


def test_code_itself_is_required():
    errors = clean_errors(CodeBlock(), code(source=""))

    assert errors["blockErrors"]["code"]["messages"] == ["This field is required."]


# Colours and stylesheet


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour given as 'RRGGBB' or 'RGB' (with or without '#')."""
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(digit * 2 for digit in hex_colour)
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted([relative_luminance(foreground), relative_luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_matches_known_wcag_values():
    assert contrast_ratio("#000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("767676", "ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("777777", "ffffff") < 4.5  # the classic just-too-light grey


def test_every_token_colour_has_aa_contrast_on_its_background():
    style = get_style_by_name(PYGMENTS_STYLE)
    checked, failures = 0, []
    for token, token_style in style:
        if not token_style["color"]:
            continue
        background = token_style["bgcolor"] or style.background_color
        ratio = contrast_ratio(token_style["color"], background)
        checked += 1
        if ratio < 4.5:
            failures.append(f"{token}: #{token_style['color']} on {background} is {ratio:.2f}:1")

    assert checked >= 10, "the style sets hardly any colours: was it replaced?"
    assert failures == []


def test_code_css_on_disk_is_what_write_code_css_generates_now(tmp_path, monkeypatch, settings):
    """A Pygments upgrade that changes the colours shows up here: run `python manage.py write_code_css`."""
    generated = tmp_path / "static" / "css" / "code.css"
    generated.parent.mkdir(parents=True)
    monkeypatch.setattr(write_code_css, "CSS_PATH", generated)
    settings.BASE_DIR = tmp_path
    output = StringIO()

    call_command("write_code_css", stdout=output)

    assert generated.read_text() == CODE_CSS.read_text()
    assert output.getvalue().strip() == "Wrote static/css/code.css"


def test_code_css_colours_are_the_checked_ones():
    """The colours in the served stylesheet are the style's colours (so the contrast test covers them)."""
    style = get_style_by_name(PYGMENTS_STYLE)
    style_colours = {token_style["color"].lower() for _token, token_style in style if token_style["color"]}
    css_colours = {
        colour.lower() if len(colour) == 6 else "".join(d * 2 for d in colour.lower())
        for colour in re.findall(r"[^-]color: #([0-9a-fA-F]{3,6})", CODE_CSS.read_text())
    }

    assert css_colours
    assert css_colours <= style_colours


def test_every_code_region_on_a_page_gets_a_unique_accessible_name():
    """Caption when unique; otherwise the language (or caption) and a number, list items' code included."""
    from types import SimpleNamespace

    from django.template import Context

    from blocks.body import TalkBodyBlock

    from .utils import BODY_TEMPLATE

    def code_block(block_id, language="python", caption=""):
        return {"type": "code", "id": block_id, "value": {"language": language, "code": "x = 1\n", "caption": caption}}

    nested = code_block("n1")
    raw = [
        code_block("p1"),
        code_block("p2"),
        code_block("c1", caption="models.py"),
        code_block("c2", caption="views.py"),
        code_block("c3", caption="views.py"),
        code_block("t1", language="text"),
        {
            "type": "list",
            "id": "l1",
            "value": {"style": "bulleted", "items": [{"text": "<p>In a list</p>", "blocks": [nested]}]},
        },
    ]
    body = TalkBodyBlock().to_python(raw)

    soup = parse(BODY_TEMPLATE.render(Context({"body": body, "page": SimpleNamespace(body=body)})))

    names = {}
    for region in soup.select(".code-scroll"):
        figure = region.find_parent("figure")
        labelled_by = region.get("aria-labelledby")
        names[figure["id"]] = soup.find(id=labelled_by).get_text() if labelled_by else region["aria-label"]
    assert names == {
        "code-p1": "Python code 1",
        "code-p2": "Python code 2",
        "code-c1": "models.py (Python)",
        "code-c2": "views.py 1",
        "code-c3": "views.py 2",
        "code-t1": "Plain text code",
        "code-n1": "Python code 3",
    }


# The editor's language picker


@pytest.mark.parametrize(
    ("value", "attrs"),
    [(None, {"id": "__ID__"}), ("python", {"id": "body-0-value-language"}), ("rust", {"id": "x", "disabled": True})],
)
def test_the_language_picker_is_djangos_select_and_renders_its_600_options_once(value, attrs):
    # Wagtail renders each block's widget into the block definition on every editor page.
    field = CodeBlock().child_blocks["language"].field
    plain = forms.Select(choices=field.choices).render("language", value, attrs=dict(attrs))
    assert field.widget.render("language", value, attrs=dict(attrs)) == plain
    assert plain.count("<option") > 500

    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        again = field.widget.render("language", value, attrs=dict(attrs))
    finally:
        template_rendered.disconnect(record)
    assert again == plain
    assert rendered == [], "the second render of the same picker should come from memory"
