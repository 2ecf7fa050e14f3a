"""Helpers for the notes tests (imported by name: this folder is on the path while they run)."""

from pathlib import Path

from PIL import Image, ImageDraw


def draw_png(path: Path, size=(120, 60), colour=(11, 87, 164), label=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, size[0] - 4, size[1] - 4), outline=colour, width=3)
    if label:
        draw.text((10, 10), label, fill=colour)
    image.save(path, format="PNG")
    return path


def write_notes_file(folder: Path, text: str, name="notes.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
