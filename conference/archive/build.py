"""Building an archive all or nothing: in a temporary folder beside the target, then moved in place."""

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from conference.models import EventPage

from .exporter import Crawler, ExportError, Linker, output_files
from .links import Scope
from .search import SEARCH_PAGE, add_search


@dataclass
class Summary:
    pages: int
    files: int
    bytes: int
    output: Path

    def __str__(self):
        return f"{self.pages} pages, {self.files} files, {self.bytes:,} bytes"


def write_archive(event: EventPage, folder: Path, base_url: str | None = None, progress=None) -> Summary:
    """Write the archive of `event` into the empty `folder`, Pagefind index included."""
    scope = Scope.for_event(event)
    crawl = Crawler(scope, progress).crawl()
    if scope.event_path not in crawl.resources:
        raise ExportError(f"The event page {scope.event_path} could not be rendered (is it live and public?).")
    linker = Linker(scope, crawl, base_url)
    pages = []
    for file, content, is_page in output_files(crawl, linker, scope.event_path):
        target = folder / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        if is_page and file not in ("index.html", "404.html", SEARCH_PAGE):
            pages.append(file)
    add_search(folder, sorted(pages))
    return summarise(folder, len(pages) + 3)  # + the front page, the 404 and the search page


def summarise(folder: Path, pages: int) -> Summary:
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return Summary(pages=pages, files=len(sizes), bytes=sum(sizes), output=folder)


def export(event, output: Path, *, as_zip=False, base_url=None, progress=None) -> Summary:
    """Build the archive and put it at `output` (a folder) or `output`.zip, replacing what was there.

    Nothing at `output` changes unless the whole archive was built.
    """
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{output.name}-", dir=output.parent) as work:
        folder = Path(work) / "archive"
        folder.mkdir()
        summary = write_archive(event, folder, base_url, progress)
        if as_zip:
            target = output.with_name(output.name + ".zip")
            partial = Path(work) / "archive.zip"
            zip_folder(folder, partial)
            os.replace(partial, target)
            return Summary(summary.pages, summary.files, target.stat().st_size, target)
        replace_folder(folder, output, Path(work))
        return Summary(summary.pages, summary.files, summary.bytes, output)


def replace_folder(new: Path, output: Path, work: Path) -> None:
    if output.exists():
        if not output.is_dir():
            raise ExportError(f"{output} exists and is not a folder.")
        old = work / "previous"
        os.replace(output, old)
        os.replace(new, output)
        shutil.rmtree(old)
    else:
        os.replace(new, output)


def zip_folder(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
