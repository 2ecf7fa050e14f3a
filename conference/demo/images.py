"""The demo's images, drawn with Pillow so that nothing is downloaded.

The demo notes (djangocon-us-2023.md) name them as images/<key>.png;
`load_demo` draws them into a temporary folder and imports the notes with
it. Each drawing is deterministic: the same code draws the same PNG bytes,
so the importer recognises an image it made before by its content hash.

    python -m conference.demo.images FOLDER    # write them, e.g. to import the notes by hand
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

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


@functools.cache
def _png(draw: Callable[[], Image.Image]) -> bytes:
    buffer = BytesIO()
    draw().save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@dataclass(frozen=True)
class DemoImage:
    key: str
    draw: Callable[[], Image.Image]

    @property
    def path(self) -> str:
        """The path the demo notes use for it."""
        return f"images/{self.key}.png"

    @property
    def title(self) -> str:
        """The title the notes importer gives it in the image library (from its file name)."""
        return self.key.replace("-", " ")

    def png_bytes(self) -> bytes:
        """The drawing as an optimised PNG: the same bytes every time, so drawn and encoded once a
        process (each `load_demo`, and each test module that loads the demo, writes all three)."""
        return _png(self.draw)


DEMO_IMAGES = {
    image.key: image
    for image in [
        DemoImage("page-tree-diagram", draw_page_tree),
        DemoImage("accessibility-chart", draw_accessibility_chart),
        DemoImage("event-logo", draw_event_logo),
    ]
}


def write_demo_images(folder) -> list[Path]:
    """Draw every demo image into `folder`, at the paths the demo notes use."""
    written = []
    for demo in DEMO_IMAGES.values():
        target = Path(folder) / demo.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(demo.png_bytes())
        written.append(target)
    return written


if __name__ == "__main__":
    import sys

    for path in write_demo_images(sys.argv[1] if len(sys.argv) > 1 else "."):
        print(path)
