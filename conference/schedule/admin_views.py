"""The admin's "Import schedule" view: a file or an address, a dry-run preview, then confirm.

The same rules as the notes import: the same permission to open it (notes.import_notes),
and the importer acts as the editor, with their page permissions. What is confirmed is
exactly what was previewed: the file is kept in a private temporary folder between the two,
named by a random token held in the editor's session.
"""

import secrets
import shutil
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.shortcuts import redirect

from conference.notes.admin_views import ImportNotesView

from .formats.read import ScheduleError, read_schedule
from .importer import ScheduleImporter
from .sources import MAX_BYTES, load_source

SESSION_KEY = "schedule_import"
UPLOAD_ROOT = Path(tempfile.gettempdir()) / "conference-schedule-imports"


class ImportScheduleForm(forms.Form):
    file = forms.FileField(
        label="Schedule file",
        required=False,
        help_text="schedule.json (pretalx, c3voc) or schedule.xml (frab).",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.xml,application/json,application/xml,text/xml"}),
    )
    url = forms.URLField(
        assume_scheme="https",
        label="Or its address",
        required=False,
        help_text="e.g. https://pretalx.example.org/conf/schedule.json",
    )
    event = forms.SlugField(
        label="Into the event", required=False, help_text="Its slug; empty: found by the acronym, or created."
    )
    publish = forms.BooleanField(
        label="Publish the changes", required=False, help_text="Otherwise every change is saved as a draft."
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url"):
            raise forms.ValidationError("Choose a schedule file or give its address.")
        upload = cleaned.get("file")
        if upload and upload.size > MAX_BYTES:
            self.add_error("file", f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: is it the right file?")
        return cleaned


class ImportScheduleView(ImportNotesView):
    """The notes import's view, for schedules: its permission check and breadcrumbs are inherited."""

    page_title = "Import schedule"
    header_icon = "date"
    template_name = "schedule/admin/import_schedule.html"

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=ImportScheduleForm()))

    def post(self, request):
        if request.POST.get("action") == "confirm":
            return self.confirm(request)
        form = ImportScheduleForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload, url = form.cleaned_data["file"], form.cleaned_data["url"]
        name = Path(upload.name).name if upload else url
        try:
            data = upload.read() if upload else load_source(url)
        except ScheduleError as error:
            return self.render_to_response(self.get_context_data(form=form, error=error))
        token = secrets.token_urlsafe(16)
        UPLOAD_ROOT.mkdir(exist_ok=True, mode=0o700)
        (UPLOAD_ROOT / token).write_bytes(data)
        pending = {
            "token": token,
            "name": name,
            "event": form.cleaned_data["event"],
            "publish": form.cleaned_data["publish"],
        }
        report, error = self.run(pending, dry_run=True)
        if error is None and report.changed:
            request.session[SESSION_KEY] = pending
        else:
            (UPLOAD_ROOT / token).unlink(missing_ok=True)
        return self.render_to_response(self.get_context_data(form=form, report=report, error=error, pending=pending))

    def confirm(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("token") != request.POST.get("token"):
            messages.error(request, "That preview has expired: choose the schedule again.")
            return redirect("schedule_import")
        report, error = self.run(pending, dry_run=False)
        request.session.pop(SESSION_KEY, None)
        (UPLOAD_ROOT / pending["token"]).unlink(missing_ok=True)
        if error is not None:
            return self.render_to_response(self.get_context_data(form=ImportScheduleForm(), error=error))
        verb = (
            "saved as drafts"
            if not pending["publish"]
            else "published where you may"
            if report.not_published
            else "published"
        )
        messages.success(request, f"Imported {pending['name']} ({verb}): {report.summary()}.")
        return redirect("schedule_import")

    def run(self, pending, dry_run):
        """(report, None) or (None, ScheduleError)."""
        try:
            schedule = read_schedule((UPLOAD_ROOT / pending["token"]).read_bytes(), pending["name"])
            importer = ScheduleImporter(
                schedule,
                pending["name"],
                event_slug=pending["event"] or None,
                publish=pending["publish"],
                dry_run=dry_run,
                user=self.request.user,
            )
            return importer.run(), None
        except ScheduleError as error:
            return None, error
        except FileNotFoundError:
            return None, ScheduleError(pending["name"], ["the uploaded file is gone: choose it again"])


def remove_all_uploads():
    """For tests: forget every pending upload."""
    shutil.rmtree(UPLOAD_ROOT, ignore_errors=True)
