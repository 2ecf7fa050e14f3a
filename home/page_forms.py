"""The page editor refuses to save a form opened from an outdated revision.

Wagtail puts the revision a form was opened from in the form (`loaded_revision_id` and its
`loaded_revision_created_at`, or `overwrite_revision_id` once the editor autosaved) but rejects an
outdated form only for autosave requests: a plain "Save draft" or "Publish" from an outdated form
silently replaces the other editor's work (it survives only in the history). Every page type's form
derives from the one here, so such a save is a validation error naming who saved and when (the
editor's own input stays in the form), and the `before_edit_page` hook in wagtail_hooks.py adds the
link to compare the two versions (a form error is shown as plain text).
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm


def newer_revision(page, data):
    """The page's latest revision if it is newer than the one the posted form was opened from, else None."""
    loaded = data.get("overwrite_revision_id") or data.get("loaded_revision_id")
    if not page.pk or not loaded or not page.latest_revision_id:
        return None
    latest = page.get_latest_revision()
    if str(latest.pk) == str(loaded):
        # The same revision, unless another session autosaved over it since (Wagtail's own test).
        posted_at = data.get("loaded_revision_created_at")
        if data.get("overwrite_revision_id") or not posted_at or posted_at == latest.created_at.isoformat():
            return None
    return latest


def compare_url(page, data, latest) -> str:
    loaded = data.get("overwrite_revision_id") or data.get("loaded_revision_id")
    if str(loaded) == str(latest.pk) or not str(loaded).isdigit():
        return reverse("wagtailadmin_pages:history", args=[page.pk])
    return reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, loaded, latest.pk])


def compare_message(page, data, latest):
    return format_html(
        'Someone saved this page after you opened it. <a href="{}">Compare their version with the one you opened</a>.',
        compare_url(page, data, latest),
    )


class RevisionCheckedPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        latest = newer_revision(self.instance, self.data)
        if latest is not None:
            who = (latest.user.get_full_name() or latest.user.get_username()) if latest.user else "Someone"
            raise ValidationError(
                "%(who)s saved this page on %(when)s UTC, after you opened it: saving your form would overwrite "
                "their changes, so it was not saved. Compare the two versions, then reload the page and make "
                "your changes again.",
                code="outdated",
                params={"who": who, "when": latest.created_at.strftime("%Y-%m-%d at %H:%M")},
            )
        return cleaned
