from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from blocks.text import PARAGRAPH_FEATURES

from .images import first_image, single_image_field
from .querysets import DayPageManager, EventPageManager, with_listing_urls
from .routing import TreeRouteMixin, first_or_none


class EventPage(TreeRouteMixin, Page):
    """One conference: its dates, place and website. Holds its days."""

    start_date = models.DateField()
    end_date = models.DateField()
    location = models.CharField(max_length=255, help_text="City and venue, e.g. Durham, North Carolina, USA.")
    intro = RichTextField(blank=True, features=PARAGRAPH_FEATURES)
    website = models.URLField("Official website", blank=True)
    logo = single_image_field("Logo", help_text="Optional. Its alt text should name the event.")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("location")],
            heading="When and where",
        ),
        FieldPanel("intro"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("location")]

    objects = EventPageManager()

    parent_page_types = ["home.HomePage"]
    subpage_types = ["conference.DayPage"]

    class Meta:
        verbose_name = "event"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    @property
    def logo_image(self):
        return first_image(self.logo)

    def get_days(self):
        """The published days readers can see, numbered, with their number of talks (one query)."""
        return DayPage.objects.child_of(self).live().public().numbered().with_talk_count()

    def child_for_route(self, slug, is_last):
        # The event's few published days are read to number them; the day's number is then known.
        days = DayPage.objects.child_of(self).live().public().numbered()
        day = next((day for day in (days.with_restricted_flag() if is_last else days) if day.slug == slug), None)
        # A draft or private day is still routed (a preview, a reader who may see it).
        return day or first_or_none(DayPage.objects.child_of(self).with_restricted_flag(), slug=slug)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["days"] = self.get_days()
        return context


def date_outside_event_error(date, event) -> str | None:
    """The message for a day dated outside its event, or None when it fits."""
    if not date or not isinstance(event, EventPage) or not (event.start_date and event.end_date):
        return None
    if event.start_date <= date <= event.end_date:
        return None
    return (
        f"The date must fall within {event.title}’s dates, {event.start_date:%-d %B %Y} to {event.end_date:%-d %B %Y}."
    )


class DayPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if not self.instance.path and self.parent_page is not None:
            error = date_outside_event_error(cleaned.get("date"), self.parent_page.specific)
            if error:
                self.add_error("date", error)
        return cleaned


class DayPage(TreeRouteMixin, Page):
    """One day of an event. Its label ("Day 1") follows its position among its siblings."""

    date = models.DateField(help_text="Must fall within the event's dates.")
    intro = RichTextField(blank=True, features=PARAGRAPH_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("intro")]

    parent_page_types = ["conference.EventPage"]
    subpage_types = ["conference.TalkPage"]
    base_form_class = DayPageForm

    objects = DayPageManager()

    class Meta:
        verbose_name = "day"

    def clean(self):
        super().clean()
        # A page being created has no place in the tree yet: DayPageForm
        # checks it against the parent the editor is adding it under.
        if self.path:
            error = date_outside_event_error(self.date, self.get_parent().specific)
            if error:
                raise ValidationError({"date": error})

    @cached_property
    def day_number(self) -> int:
        """1 for the first published day under its event, 2 for the next, and so on.

        Days read through `DayPage.objects.numbered()` (the event page, and routing to a day or a
        talk) carry it as a window annotation; any other DayPage (a preview) counts once.
        """
        return DayPage.objects.sibling_of(self).live().public().filter(path__lt=self.path).count() + 1

    @property
    def label(self) -> str:
        return f"Day {self.day_number}"

    def child_for_route(self, slug, is_last):
        from .talks import TalkPage

        talk = first_or_none(TalkPage.objects.child_of(self).for_talk_page(), slug=slug)
        if talk is not None:
            talk.prefetch_for_page()
        return talk

    def get_context(self, request, *args, **kwargs):
        from .talks import TalkPage

        context = super().get_context(request, *args, **kwargs)
        talks = TalkPage.objects.live().public().child_of(self).for_listing().in_schedule_order()
        context["talks"] = with_listing_urls(talks, request, parent_url=self.get_url(request))
        return context
