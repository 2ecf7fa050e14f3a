"""Pages → Markdown notes: an event with its days and talks, in the format the importer reads.

Each page is exported as its latest revision (an editor's draft included),
which is what the importer compares with; images are copied next to the
notes into an `images/` folder, named after their files.
"""

import re
from pathlib import Path

from conference.models import DayPage, TalkPage

from .pages import Lookups, spec_of
from .writer import write_notes

IMAGES_FOLDER = "images"


def _latest(page):
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def event_to_spec(event, lookups=None):
    """The EventSpec of an EventPage, with its days and talks in tree order."""
    lookups = lookups or Lookups()
    spec = spec_of(_latest(event.specific), lookups)
    for day in DayPage.objects.child_of(event).order_by("path"):
        day_spec = spec_of(_latest(day), lookups)
        for talk in TalkPage.objects.child_of(day).order_by("path"):
            day_spec.talks.append(spec_of(_latest(talk), lookups))
        spec.days.append(day_spec)
    return spec


class ImageNames:
    """A unique file name under images/ for each Wagtail image the notes use."""

    def __init__(self):
        self.paths = {}  # image pk -> relative path
        self.images = {}  # relative path -> Image

    def __call__(self, ref):
        image = ref.image
        if image is None:
            return ref.path or "missing-image.png"
        if image.pk not in self.paths:
            stem, dot, ext = Path(image.file.name).name.rpartition(".")
            stem = re.sub(r"[^\w.-]+", "-", stem or ext) or "image"
            name, n = f"{stem}{dot}{ext}", 1
            while f"{IMAGES_FOLDER}/{name}" in self.images:
                n += 1
                name = f"{stem}-{n}{dot}{ext}"
            path = f"{IMAGES_FOLDER}/{name}"
            self.paths[image.pk] = path
            self.images[path] = image
        return self.paths[image.pk]


def export_event(event, folder: Path | None = None) -> tuple[str, list[Path]]:
    """(Markdown, image files written). Images are written under `folder` when it is given."""
    names = ImageNames()
    markdown = write_notes(event_to_spec(event), image_path=names)
    written = []
    if folder is not None:
        for path, image in names.images.items():
            target = Path(folder) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with image.open_file() as source:
                target.write_bytes(source.read())
            written.append(target)
    return markdown, written
