from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from blocks.text import PARAGRAPH_FEATURES

from ..schedule.routes import EventScheduleRoutes
from .images import first_image, single_image_field
from .schedule import default_time_zone, time_zone_choices, validate_acronym


class EventPage(EventScheduleRoutes, Page):
    """One conference: its dates, place and website. Holds its days."""

    start_date = models.DateField()
    end_date = models.DateField()
    location = models.CharField(max_length=255, help_text="City and venue, e.g. Durham, North Carolina, USA.")
    intro = RichTextField(blank=True, features=PARAGRAPH_FEATURES)
    website = models.URLField("Official website", blank=True)
    logo = single_image_field("Logo", help_text="Optional. Its alt text should name the event.")
    time_zone = models.CharField(
        max_length=63,
        default=default_time_zone,
        choices=time_zone_choices,
        help_text="Where the event takes place: talk times are in this time zone.",
    )
    acronym = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_acronym],
        help_text="Optional short name for conference apps, e.g. djangocon_us_2023; the slug is used when empty.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("location"),
                FieldPanel("time_zone"),
            ],
            heading="When and where",
        ),
        FieldPanel("intro"),
        FieldPanel("website"),
        FieldPanel("acronym"),
        FieldPanel("logo"),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("location")]

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
        return DayPage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from .talks import TalkPage

        context = super().get_context(request, *args, **kwargs)
        days = list(self.get_days())
        counts = TalkPage.objects.live().public().for_event(self).talk_counts_by_day()
        for number, day in enumerate(days, start=1):
            day.day_number = number
            day.talk_count = counts.get(day.path, 0)
        context["days"] = days
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


class DayPage(Page):
    """One day of an event. Its label ("Day 1") follows its position among its siblings."""

    date = models.DateField(help_text="Must fall within the event's dates.")
    intro = RichTextField(blank=True, features=PARAGRAPH_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("intro")]

    parent_page_types = ["conference.EventPage"]
    subpage_types = ["conference.TalkPage"]
    base_form_class = DayPageForm

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

    @property
    def day_number(self) -> int:
        """1 for the first published day under its event, 2 for the next, and so on.

        Only days readers can see are counted, so the label matches the event page's list.
        """
        if "day_number" not in self.__dict__:
            earlier = DayPage.objects.sibling_of(self).live().public().filter(path__lt=self.path)
            self.__dict__["day_number"] = earlier.count() + 1
        return self.__dict__["day_number"]

    @day_number.setter
    def day_number(self, value: int):
        self.__dict__["day_number"] = value

    @property
    def label(self) -> str:
        return f"Day {self.day_number}"

    def get_context(self, request, *args, **kwargs):
        from ..schedule.timetable import build_timetable
        from .talks import TalkPage

        context = super().get_context(request, *args, **kwargs)
        context["talks"] = (
            TalkPage.objects.live().public().child_of(self).with_speakers().with_track().in_schedule_order()
        )
        context["timetable"] = build_timetable(list(context["talks"]))  # issue 13
        context["event"] = self.get_parent().specific
        return context
