"""Draws the site's icons and sharing card with Pillow: nothing is downloaded.

    .venv/bin/python -m conference.icons static/

writes favicon.ico (16, 32 and 48 px), img/apple-touch-icon.png (180 px) and img/card.png
(1200×630, the sharing card of pages without an image of their own). The SVG icon
(static/img/icon.svg) is the same drawing by hand. Run it again after changing the drawing and
commit the files.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ACCENT = (11, 87, 164)  # --accent in static/css/site.css
PAPER = (255, 255, 255)
SITE_NAME = "Conference Notes"


def draw_icon(size: int) -> Image.Image:
    """A blue square with rounded corners holding a white page of three lines of notes."""
    scale = 4  # drawn large, then reduced: smooth edges at 16 px
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 6, fill=ACCENT)
    margin = big * 0.22
    draw.rounded_rectangle((margin, big * 0.16, big - margin, big * 0.84), radius=big // 20, fill=PAPER)
    for n, width in enumerate((0.56, 0.56, 0.38)):
        top = big * (0.32 + n * 0.16)
        draw.rectangle((big * 0.3, top, big * (0.3 + width * 0.7), top + big * 0.07), fill=ACCENT)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def draw_card() -> Image.Image:
    card = Image.new("RGB", (1200, 630), ACCENT)
    card.paste(draw_icon(240), (120, 195), draw_icon(240))
    draw = ImageDraw.Draw(card)
    font = ImageFont.load_default(size=84)
    draw.text((420, 250), SITE_NAME, font=font, fill=PAPER)
    draw.text((420, 360), "Notes from conference talks", font=ImageFont.load_default(size=44), fill=PAPER)
    return card


def write_all(static_dir: Path) -> list[Path]:
    (static_dir / "img").mkdir(parents=True, exist_ok=True)
    written = [static_dir / "favicon.ico", static_dir / "img/apple-touch-icon.png"]
    draw_icon(48).save(written[0], sizes=[(16, 16), (32, 32), (48, 48)])
    draw_icon(180).convert("RGB").save(written[1], optimize=True)
    written.append(static_dir / "img/card.png")
    draw_card().save(written[-1], optimize=True)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "static")):
        print(path)
