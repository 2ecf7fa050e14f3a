"""The demo's images, drawn with Pillow so that nothing is downloaded.

Each drawing is deterministic: the same code draws the same PNG bytes, so
`load_demo` can recognise an image it made before.
"""

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

INK = (27, 27, 31)
ACCENT = (11, 87, 164)
PAPER = (255, 255, 255)
PALE = (232, 240, 250)


def _font(size: int):
    return ImageFont.load_default(size=size)


def _centred_text(draw, box, text, size, fill=INK):
    font = _font(size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = box[0] + (box[2] - box[0] - (right - left)) / 2
    y = box[1] + (box[3] - box[1] - (bottom - top)) / 2 - top
    draw.text((x, y), text, font=font, fill=fill)


def draw_page_tree() -> Image.Image:
    """Home → Event → Day → Talk, as boxes joined by arrows."""
    image = Image.new("RGB", (1200, 420), PAPER)
    draw = ImageDraw.Draw(image)
    _centred_text(draw, (0, 20, 1200, 70), "How Wagtail's page tree holds these notes", 34)
    labels = [
        ("Home", "HomePage"),
        ("Event", "DjangoCon US 2023"),
        ("Day", "Day 1, 2, 3"),
        ("Talk", "quotes, lists, code…"),
    ]
    width, gap, top, bottom = 240, 60, 150, 330
    for i, (kind, example) in enumerate(labels):
        left = 45 + i * (width + gap)
        draw.rounded_rectangle((left, top, left + width, bottom), radius=18, fill=PALE, outline=ACCENT, width=4)
        _centred_text(draw, (left, top + 20, left + width, top + 90), kind, 38, fill=ACCENT)
        _centred_text(draw, (left, top + 100, left + width, bottom - 20), example, 24)
        if i < len(labels) - 1:
            y = (top + bottom) // 2
            x1, x2 = left + width + 8, left + width + gap - 8
            draw.line((x1, y, x2, y), fill=INK, width=5)
            draw.polygon([(x2, y), (x2 - 16, y - 11), (x2 - 16, y + 11)], fill=INK)
    return image


def draw_accessibility_chart() -> Image.Image:
    """Two horizontal bars: 96.3% and 95%."""
    image = Image.new("RGB", (1200, 460), PAPER)
    draw = ImageDraw.Draw(image)
    _centred_text(draw, (0, 20, 1200, 70), "Homepages with basic accessibility issues", 34)
    bars = [("Top 1,000,000 homepages", 96.3), ("Sample of 25,000 Django homepages", 95.0)]
    left, right = 60, 1020
    for i, (label, percent) in enumerate(bars):
        top = 120 + i * 150
        draw.text((left, top), label, font=_font(28), fill=INK)
        bar_top = top + 45
        draw.rectangle((left, bar_top, right, bar_top + 60), outline=INK, width=2)
        draw.rectangle((left, bar_top, left + (right - left) * percent / 100, bar_top + 60), fill=ACCENT)
        draw.text((right + 20, bar_top + 12), f"{percent:g}%", font=_font(32), fill=INK)
    return image


def draw_event_logo() -> Image.Image:
    image = Image.new("RGB", (480, 240), ACCENT)
    draw = ImageDraw.Draw(image)
    _centred_text(draw, (0, 40, 480, 130), "DjangoCon US", 56, fill=PAPER)
    _centred_text(draw, (0, 130, 480, 200), "2023 · Durham, NC", 36, fill=PAPER)
    return image


@dataclass(frozen=True)
class DemoImage:
    key: str
    title: str
    draw: Callable[[], Image.Image]
    alt_text: str = ""

    @property
    def filename(self) -> str:
        return f"demo-{self.key}.png"

    def png_bytes(self) -> bytes:
        buffer = BytesIO()
        self.draw().save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()


DEMO_IMAGES = {
    image.key: image
    for image in [
        DemoImage("page-tree-diagram", "Diagram: Wagtail page tree for conference notes", draw_page_tree),
        DemoImage("accessibility-chart", "Chart: homepages with accessibility issues", draw_accessibility_chart),
        DemoImage(
            "event-logo",
            "DjangoCon US 2023 logo (drawn for the demo)",
            draw_event_logo,
            alt_text="DjangoCon US 2023, Durham, NC",
        ),
    ]
}
