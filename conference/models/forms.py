"""The page forms' shared behaviour: a missing slug is made from the title, and a slug clash is
reported where the editor is looking."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import slugify
from wagtail.models import Page

from home.page_forms import RevisionCheckedPageForm


def slug_clash_message(page: Page) -> str:
    """The error shown on the title when another page under the same parent already has this slug."""
    return format_html(
        'Another page here already has the address “{}”: <a href="{}">{}</a>. Give this page another title, '
        "or change its slug on the Promote tab.",
        page.slug,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page.get_admin_display_title(),
    )


class ConferencePageForm(RevisionCheckedPageForm):
    """Wagtail reports slug problems only on the Promote tab's slug field, while the editor is on Content.

    - An empty slug (the editor saved before the title was copied into it) is made from the title, instead
      of "This field is required" on a tab the editor is not looking at.
    - A slug clash is also shown under the title, with a link to the page that has the address.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        data = self.cleaned_data
        if not data.get("slug") and data.get("title") and "slug" not in self.errors:
            data["slug"] = self.slug_from_title(data["title"])
        slug = data.get("slug")  # Wagtail's check removes a clashing slug from cleaned_data
        cleaned = super().clean()
        if not cleaned.get("slug") and "slug" not in self.errors:
            self.add_error("slug", "Give the page a title or a slug: its address is made from it.")
        if "slug" in self.errors and self.parent_page is not None:
            clash = self.parent_page.get_children().filter(slug=slug)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if (page := clash.first()) is not None:
                self.add_error("title", slug_clash_message(page))
        return cleaned

    def slug_from_title(self, title: str) -> str:
        return slugify(title)
