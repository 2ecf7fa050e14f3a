"""The admin's "Import notes" view: upload notes and their images, preview a dry run, then confirm.

The uploads are kept in the default storage between the preview and the confirmation (uploads.py),
bound to the editor, so what is confirmed is exactly what was previewed, whichever server receives
the confirmation. After a failed check they are kept too: the editor uploads only what they fixed.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_preview import PreviewingImporter, annotate_lines
from .files import UploadedImages, read_notes
from .importer import NotesImporter
from .limits import max_bytes, too_big_message
from .spec import NotesError, Problem
from .uploads import PendingUpload

PERMISSION = "notes.import_notes"
SESSION_KEY = "notes_import"


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

    def __init__(self, *args, kept=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kept is not None and kept.name:
            # A failed check keeps the uploads: the editor sends only what they changed.
            self.fields["notes"].required = False
            self.fields["notes"].help_text = (
                f"Kept from your last upload: {kept.name}. Choose a file only to replace it. "
                + self.fields["notes"].help_text
            )
            if kept.images:
                self.fields[
                    "images"
                ].help_text = (
                    f"Kept: {', '.join(kept.images)}. Images you choose are added, or replace one of the same name."
                )

    def clean_notes(self):
        notes = self.cleaned_data["notes"]
        if notes and notes.size > max_bytes():
            message = too_big_message(notes.size)
            raise forms.ValidationError(f"{message[0].upper()}{message[1:]}.")
        return notes


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

    def kept(self, request):
        return PendingUpload.load(request.session.get(SESSION_KEY), request.user)

    def get(self, request):
        kept = self.kept(request)
        return self.render_to_response(self.get_context_data(form=ImportNotesForm(kept=kept), kept=kept))

    def post(self, request):
        if request.POST.get("action") == "confirm":
            return self.confirm(request)
        kept = self.kept(request)
        if request.POST.get("action") == "discard":
            if kept is not None:
                kept.delete()
            request.session.pop(SESSION_KEY, None)
            return redirect("notes_import")
        form = ImportNotesForm(request.POST, request.FILES, kept=kept)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, kept=kept))
        pending = kept or PendingUpload.start(request.user)
        pending.publish, pending.force = form.cleaned_data["publish"], form.cleaned_data["force"]
        pending.save()  # described first, so a concurrent clean-up never takes it for an abandoned upload
        pending.add(form.cleaned_data["notes"], form.cleaned_data["images"])
        pending.save()
        request.session[SESSION_KEY] = pending.token
        report, error = self.run(pending, dry_run=True)
        context = {"report": report, "error": error, "pending": pending}
        if error is not None:
            context["kept"] = pending
        return self.render_to_response(
            self.get_context_data(form=ImportNotesForm(initial=self.options(pending), kept=pending), **context)
        )

    def confirm(self, request):
        pending = PendingUpload.load(request.POST.get("token"), request.user)
        if pending is None or request.session.get(SESSION_KEY) != pending.token:
            messages.error(request, "That preview has expired: upload the notes again.")
            return redirect("notes_import")
        report, error = self.run(pending, dry_run=False)
        if error is not None:
            return self.render_to_response(
                self.get_context_data(
                    form=ImportNotesForm(initial=self.options(pending), kept=pending), error=error, kept=pending
                )
            )
        request.session.pop(SESSION_KEY, None)
        pending.delete()
        verb = "published" if pending.publish else "saved as drafts"
        messages.success(request, f"Imported {pending.name} ({verb}): {report.summary()}.")
        if report.event_id:
            return redirect("wagtailadmin_explore", report.event_id)
        return redirect("notes_import")

    @staticmethod
    def options(pending):
        return {"publish": pending.publish, "force": pending.force}

    def run(self, pending, dry_run):
        """(report, None) or (None, NotesError) for the uploaded notes."""
        try:
            with pending.local_copy() as (notes, images):
                try:
                    spec = read_notes(notes, UploadedImages(images), source=pending.name)
                    # The dry run also renders each new or changed talk (admin_preview.py).
                    importer_class, extra = (
                        (PreviewingImporter, {"request": self.request}) if dry_run else (NotesImporter, {})
                    )
                    importer = importer_class(
                        spec,
                        pending.name,
                        publish=pending.publish,
                        force=pending.force,
                        dry_run=dry_run,
                        user=self.request.user,
                        **extra,
                    )
                    report = importer.run()
                except NotesError as error:
                    error.lines = annotate_lines(notes, error)
                    return None, error
            report.previews = getattr(importer, "previews", [])
            return report, None
        except PermissionDenied as error:
            # Wagtail's own refusal (e.g. a page locked by someone else): say so, instead of its bare redirect.
            problem = Problem(0, f"Wagtail refused the change: {error or 'you do not have permission'}", "")
            return None, NotesError(pending.name, [problem])
