"""Finding the image files a notes file names, without reading outside its folder."""

from pathlib import Path

from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.utils.file import hash_filelike


def file_sha1(path: Path) -> str:
    """The same hash Wagtail keeps in Image.file_hash."""
    with path.open("rb") as f:
        return hash_filelike(f)


def is_image(path: Path) -> bool:
    try:
        with PILImage.open(path) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return False
    return True


class ImageFolder:
    """Images by path relative to a folder (the notes file's, or --images)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder).resolve()

    def candidate(self, path: str) -> Path | None:
        found = (self.folder / path).resolve()
        return found if found.is_relative_to(self.folder) else None

    def __call__(self, path: str):
        """(file, sha1) for an image path in the notes (sha1 None: not an image), or None: no such file."""
        found = self.candidate(path)
        if found is None or not found.is_file():
            return None
        return found, (file_sha1(found) if is_image(found) else None)


class UploadedImages(ImageFolder):
    """Images uploaded beside the notes in the admin: one flat folder, matched by file name."""

    def candidate(self, path: str) -> Path | None:
        name = Path(path.replace("\\", "/")).name
        return super().candidate(name) if name else None


def read_notes(path, images=None, source=None):
    """Parse the notes file at `path`; images are looked up in `images` (default: the file's folder)."""
    from .limits import check_size
    from .parser import parse_notes
    from .spec import NotesError, Problem

    path = Path(path)
    source = source or str(path)
    try:
        # Before reading it: a file of many megabytes costs minutes and hundreds of MB to parse.
        check_size(source, path.stat().st_size)
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is not part of the notes
    except FileNotFoundError:
        raise NotesError(source, [Problem(0, "no such file", "check the path")]) from None
    except UnicodeDecodeError as error:
        raise NotesError(source, [Problem(1, f"not UTF-8 text ({error.reason})", "save the notes as UTF-8")]) from None
    finder = images if callable(images) else ImageFolder(images or path.parent)
    return parse_notes(text, source, finder)
