"""The admin's "Import notes" view: upload notes and their images, preview a dry run, then confirm.

The uploads are kept in a private temporary folder between the preview and
the confirmation (named by a random token held in the editor's session), so
what is confirmed is exactly what was previewed.
"""

import secrets
import shutil
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_preview import PreviewingImporter, annotate_lines
from .files import UploadedImages, read_notes
from .importer import NotesImporter
from .spec import NotesError

PERMISSION = "notes.import_notes"
SESSION_KEY = "notes_import"
UPLOAD_ROOT = Path(tempfile.gettempdir()) / "conference-notes-imports"
STALE_AFTER = 24 * 3600  # seconds: unconfirmed uploads older than this are removed
MAX_NOTES_SIZE = 2 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImagesField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleImagesField, self).clean(f, initial) for f in files]


class ImportNotesForm(forms.Form):
    notes = forms.FileField(
        label="Notes file",
        help_text="Markdown (.md) in the notes format: front matter for the event, # days, ## talks.",
        widget=forms.ClearableFileInput(attrs={"accept": ".md,.markdown,.txt,text/markdown,text/plain"}),
    )
    images = MultipleImagesField(
        label="Images",
        required=False,
        help_text="Every image the notes use. They are matched by file name, whatever folder the notes name.",
    )
    publish = forms.BooleanField(
        label="Publish the changes", required=False, help_text="Otherwise every change is saved as a draft."
    )
    force = forms.BooleanField(
        label="Overwrite admin edits",
        required=False,
        help_text="Replace pages edited in the admin since they were last imported. Their edits stay in their history.",
    )

    def clean_images(self):
        limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
        for upload in self.cleaned_data["images"]:
            if limit and upload.size > limit:
                raise forms.ValidationError(f"{upload.name} is larger than {filesizeformat(limit)}.")
        return self.cleaned_data["images"]

    def clean_notes(self):
        notes = self.cleaned_data["notes"]
        if notes.size > MAX_NOTES_SIZE:
            raise forms.ValidationError("The notes file is larger than 2 MB: is it the right file?")
        return notes


def _remove_stale_uploads():
    if not UPLOAD_ROOT.exists():
        return
    for folder in UPLOAD_ROOT.iterdir():
        if folder.is_dir() and time.time() - folder.stat().st_mtime > STALE_AFTER:
            shutil.rmtree(folder, ignore_errors=True)


class ImportNotesView(WagtailAdminTemplateMixin, View):
    page_title = "Import notes"
    header_icon = "upload"
    template_name = "notes/import_notes.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=ImportNotesForm()))

    def post(self, request):
        if request.POST.get("action") == "confirm":
            return self.confirm(request)
        form = ImportNotesForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        _remove_stale_uploads()
        token = secrets.token_urlsafe(16)
        folder = UPLOAD_ROOT / token
        (folder / "images").mkdir(parents=True)
        name = get_valid_filename(Path(form.cleaned_data["notes"].name).name) or "notes.md"
        _save(form.cleaned_data["notes"], folder / name)
        for upload in form.cleaned_data["images"]:
            _save(upload, folder / "images" / (get_valid_filename(Path(upload.name).name) or "image"))
        pending = {"token": token, "name": name, **{k: form.cleaned_data[k] for k in ("publish", "force")}}
        request.session[SESSION_KEY] = pending
        report, error = self.run(pending, dry_run=True)
        if error is not None:
            shutil.rmtree(folder, ignore_errors=True)
            request.session.pop(SESSION_KEY, None)
        return self.render_to_response(
            self.get_context_data(form=ImportNotesForm(initial=pending), report=report, error=error, pending=pending)
        )

    def confirm(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("token") != request.POST.get("token"):
            messages.error(request, "That preview has expired: upload the notes again.")
            return redirect("notes_import")
        report, error = self.run(pending, dry_run=False)
        if error is not None:
            return self.render_to_response(
                self.get_context_data(form=ImportNotesForm(initial=pending), report=report, error=error)
            )
        request.session.pop(SESSION_KEY, None)
        shutil.rmtree(UPLOAD_ROOT / pending["token"], ignore_errors=True)
        verb = "published" if pending["publish"] else "saved as drafts"
        messages.success(request, f"Imported {pending['name']} ({verb}): {report.summary()}.")
        if report.event_id:
            return redirect("wagtailadmin_explore", report.event_id)
        return redirect("notes_import")

    def run(self, pending, dry_run):
        """(report, None) or (None, NotesError) for the uploaded notes."""
        folder = UPLOAD_ROOT / pending["token"]
        try:
            spec = read_notes(folder / pending["name"], UploadedImages(folder / "images"), source=pending["name"])
            # The dry run also renders each new or changed talk (admin_preview.py).
            importer_class, extra = (PreviewingImporter, {"request": self.request}) if dry_run else (NotesImporter, {})
            importer = importer_class(
                spec,
                pending["name"],
                publish=pending["publish"],
                force=pending["force"],
                dry_run=dry_run,
                user=self.request.user,
                **extra,
            )
            report = importer.run()
            report.previews = getattr(importer, "previews", [])
            return report, None
        except NotesError as error:
            error.lines = annotate_lines(folder / pending["name"], error)
            return None, error


def _save(upload, target: Path):
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
