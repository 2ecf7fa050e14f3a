"""The page forms' shared behaviour: a slug clash is reported where the editor is looking."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


def slug_clash_message(page: Page) -> str:
    """The error shown on the title when another page under the same parent already has this slug."""
    return format_html(
        'Another page here already has the address “{}”: <a href="{}">{}</a>. Give this page another title, '
        "or change its slug on the Promote tab.",
        page.slug,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page.get_admin_display_title(),
    )


class ConferencePageForm(WagtailAdminPageForm):
    """Wagtail reports a slug clash only on the Promote tab's slug field, while the editor is on Content:
    the same problem is also shown under the title, with a link to the page that has the address."""

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.errors and self.parent_page is not None:
            slug = self.data.get(self.add_prefix("slug"), "")
            clash = self.parent_page.get_children().filter(slug=slug)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if (page := clash.first()) is not None:
                self.add_error("title", slug_clash_message(page))
        return cleaned
