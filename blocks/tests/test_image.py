"""Image block: a <figure> whose <img> carries the editor's alt text (or alt="" when decorative)."""

import pytest

from blocks.media import FigureBlock

from .utils import HOSTILE_TEXT, assert_escaped, clean_errors, parse, render_one, text_of

pytestmark = pytest.mark.django_db

ALT_TEXT = "Lacey on stage pointing at a slide of a failing test"


def figure(image, alt_text=ALT_TEXT, decorative=False, caption="", credit=""):
    return {
        "image": {"image": image.pk if image else None, "alt_text": alt_text, "decorative": decorative},
        "caption": caption,
        "credit": credit,
    }


def test_image_is_a_figure_with_the_contextual_alt_text(image):
    html = render_one("image", figure(image))

    img = parse(html).select_one("figure.block-image > img")
    assert img["alt"] == ALT_TEXT
    assert img["alt"] != image.title
    assert img["loading"] == "lazy"
    assert img["src"].startswith("/media/images/")
    assert img["width"] == "1200"


def test_decorative_image_has_an_empty_alt(image):
    html = render_one("image", figure(image, alt_text="", decorative=True))

    img = parse(html).find("img")
    assert img.has_attr("alt")
    assert img["alt"] == ""


def test_decorative_image_ignores_left_over_alt_text(image):
    html = render_one("image", figure(image, alt_text="An old description", decorative=True))

    assert parse(html).find("img")["alt"] == ""


def test_caption_and_credit_are_in_the_figcaption(image):
    html = render_one("image", figure(image, caption="The keynote stage", credit="Jo Photographer"))

    caption = parse(html).select_one("figure > figcaption")
    assert text_of(caption) == "The keynote stage Credit: Jo Photographer"
    assert text_of(caption.find(class_="credit")) == "Credit: Jo Photographer"


def test_credit_alone_gets_a_figcaption(image):
    html = render_one("image", figure(image, credit="Jo Photographer"))

    assert text_of(parse(html).figcaption) == "Credit: Jo Photographer"


def test_caption_alone_has_no_credit_label(image):
    html = render_one("image", figure(image, caption="The keynote stage"))

    caption = parse(html).figcaption
    assert text_of(caption) == "The keynote stage"
    assert caption.find(class_="credit") is None


def test_image_without_caption_or_credit_has_no_empty_figcaption(image):
    html = render_one("image", figure(image))

    assert parse(html).find("figcaption") is None


def test_caption_and_credit_are_escaped(image):
    html = render_one("image", figure(image, caption=HOSTILE_TEXT, credit=HOSTILE_TEXT))

    assert_escaped(html)
    assert text_of(parse(html).figcaption) == f"{HOSTILE_TEXT} Credit: {HOSTILE_TEXT}"


def test_alt_text_is_escaped_inside_the_attribute(image):
    html = render_one("image", figure(image, alt_text=HOSTILE_TEXT))

    assert_escaped(html)
    img = parse(html).find("img")
    assert img["alt"] == HOSTILE_TEXT
    assert len(parse(html).find_all("img")) == 1


# Validation


def test_image_without_alt_text_that_is_not_decorative_is_rejected(image):
    errors = clean_errors(FigureBlock(), figure(image, alt_text=""))

    assert errors == {
        "blockErrors": {
            "image": {
                "blockErrors": {
                    "alt_text": {
                        "messages": [
                            "The image “Stage photo title” has no alt text. Describe what it shows for someone who "
                            "cannot see it, or tick “Image is decorative” if it adds nothing to the notes."
                        ]
                    }
                }
            }
        }
    }


def test_decorative_image_without_alt_text_is_valid(image):
    assert clean_errors(FigureBlock(), figure(image, alt_text="", decorative=True)) == {}


def test_image_with_alt_text_is_valid(image):
    assert clean_errors(FigureBlock(), figure(image, caption="The keynote stage", credit="Jo")) == {}


def test_image_is_required():
    errors = clean_errors(FigureBlock(), figure(None, alt_text=""))

    assert errors["blockErrors"]["image"]["blockErrors"]["image"]["messages"] == ["This field is required."]
