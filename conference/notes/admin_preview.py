"""The admin import's preview: each talk the notes would create or change, rendered as the reader will
see it, and each problem shown beside its line of the notes.

The dry run really imports the notes inside a transaction that is then rolled back (see
NotesImporter.run), so inside that transaction the new and changed pages exist exactly as confirming
would make them. `PreviewingImporter` renders them there, through Wagtail's preview machinery
(`make_preview_request`, the same as the editor's Preview button) and the site's own templates.
"""

import base64
import mimetypes
from dataclasses import dataclass
from html import escape
from pathlib import Path

from django.db.models import Max
from wagtail.images import get_image_model

from conference.models import TalkPage

from .importer import NotesImporter

# The preview shows this many talks at most; the list of changes still names them all.
MAX_PREVIEWS = 20


@dataclass
class TalkPreview:
    title: str
    action: str  # created or updated
    line: int
    html: str  # the whole public page, shown in a sandboxed <iframe srcdoc>


class PreviewingImporter(NotesImporter):
    """A dry run that also renders each created or updated talk before the rollback."""

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.previews: list[TalkPreview] = []
        self._talk_changes = {}

    def _finish(self, page, current, spec, wanted, action, kind, label):
        result = super()._finish(page, current, spec, wanted, action, kind, label)
        if result is not None and kind == "talk" and action in ("created", "updated"):
            self._talk_changes[page.pk] = (action, spec.line)
        return result

    def _run(self):
        super()._run()
        if self.problems or self.conflicts:
            return
        renditions = get_image_model().get_rendition_model()
        last_rendition = renditions.objects.aggregate(last=Max("pk"))["last"] or 0
        for pk, (action, line) in list(self._talk_changes.items())[:MAX_PREVIEWS]:
            talk = TalkPage.objects.get(pk=pk)
            talk = talk.get_latest_revision_as_object() if talk.latest_revision_id else talk
            response = talk.make_preview_request(self.request, talk.default_preview_mode)
            self.previews.append(TalkPreview(talk.title, action, line, response.content.decode()))
        self._inline_new_renditions(renditions.objects.filter(pk__gt=last_rendition))

    def _inline_new_renditions(self, new_renditions):
        """The renditions made for the previews disappear with the rollback (and the new images' files
        with the dry run): put each one in the preview's HTML as a data: URL, then delete its file."""
        for rendition in new_renditions:
            with rendition.file.open("rb") as source:
                data = base64.b64encode(source.read()).decode()
            kind = mimetypes.guess_type(rendition.file.name)[0] or "image/png"
            inline = f"data:{kind};base64,{data}"
            for preview in self.previews:
                for url in {rendition.url, escape(rendition.url)}:
                    preview.html = preview.html.replace(url, inline)
            rendition.file.storage.delete(rendition.file.name)


@dataclass
class AnnotatedLine:
    number: int
    text: str
    messages: list[str]


def annotate_lines(notes_path: Path, error, context: int = 1) -> list[list[AnnotatedLine]]:
    """For each problem, the lines around it with the problem's messages beside its line (groups of lines)."""
    try:
        lines = Path(notes_path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    by_line: dict[int, list[str]] = {}
    for problem in error.problems:
        text = problem.message + (f" Hint: {problem.hint}" if problem.hint else "")
        by_line.setdefault(problem.line, []).append(text)
    groups = []
    for number in sorted(n for n in by_line if 0 < n <= len(lines)):
        first, last = max(1, number - context), min(len(lines), number + context)
        groups.append([AnnotatedLine(n, lines[n - 1], by_line.get(n, [])) for n in range(first, last + 1)])
    return groups
