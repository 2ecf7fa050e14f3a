from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from blocks.text import PARAGRAPH_FEATURES
from conference.models.routing import TreeRouteMixin, first_or_none

from .page_forms import RevisionCheckedPageForm


class HomePage(TreeRouteMixin, Page):
    """The root of the public site: lists the events, newest first."""

    intro = RichTextField(blank=True, features=PARAGRAPH_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    base_form_class = RevisionCheckedPageForm

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["conference.EventPage"]
    max_count = 1

    def child_for_route(self, slug, is_last):
        from conference.models import EventPage

        events = EventPage.objects.child_of(self)
        return first_or_none(events.with_restricted_flag() if is_last else events, slug=slug)

    def get_context(self, request, *args, **kwargs):
        from conference.models import EventPage

        context = super().get_context(request, *args, **kwargs)
        context["events"] = EventPage.objects.child_of(self).live().public().for_listing().order_by("-start_date")
        return context
