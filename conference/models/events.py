from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from blocks.text import PARAGRAPH_FEATURES

from ..schedule.routes import EventScheduleRoutes
from .forms import ConferencePageForm
from .images import first_image, single_image_field
from .language import default_language, event_language_field
from .querysets import DayPageManager, EventPageManager
from .routing import TreeRouteMixin, first_or_none, parent_path_sql, restricted_sql
from .schedule import default_time_zone, time_zone_choices, validate_acronym

EVENT_HELP = (
    "<p><strong>An event holds its days, and each day its talks.</strong> Give the event its dates first: "
    "each day's date must fall within them. Creating the event also creates its team: the group "
    "“Editors: &lt;event title&gt;” and the review workflow (add people under the event's “Team” page).</p>"
)
DAY_HELP = (
    "<p><strong>A day holds the talks given on its date.</strong> Leave the title empty to have it made from the "
    "date, e.g. “Day 1 · Monday 16 October”. Then add the talks under it.</p>"
)


class EventPage(EventScheduleRoutes, TreeRouteMixin, Page):
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
    language = event_language_field()

    content_panels = [
        HelpPanel(EVENT_HELP, heading="About events"),
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("location"),
                FieldPanel("time_zone"),
            ],
            heading="When and where",
        ),
        FieldPanel("language"),
        FieldPanel("intro"),
        FieldPanel("website"),
        FieldPanel("acronym"),
        FieldPanel("logo"),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("location")]

    objects = EventPageManager()

    parent_page_types = ["home.HomePage"]
    subpage_types = ["conference.DayPage"]
    base_form_class = ConferencePageForm

    class Meta:
        verbose_name = "event"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    @property
    def language_code(self) -> str:
        """The event's BCP 47 language tag (its talks' unless they say otherwise)."""
        return self.language or default_language()

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


def default_day_title(date, event) -> str:
    """ "Day 1 · Monday 16 October": the day's number counted from the event's first date, then its date."""
    when = f"{date:%A} {date.day} {date:%B}"
    if isinstance(event, EventPage) and event.start_date and event.start_date <= date:
        return f"Day {(date - event.start_date).days + 1} · {when}"
    return when


class DayPageForm(ConferencePageForm):
    """The title may be left empty: it is then made from the date (and the slug from the title)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].required = False

    def _event(self):
        parent = self.parent_page or (self.instance.get_parent() if self.instance.path else None)
        return parent.specific if parent is not None else None

    def slug_from_title(self, title):
        # Made titles repeat (two sessions on one date): their slugs get a number instead of clashing.
        event = self._event()
        return _free_slug(slugify(title) or "day", event, self.instance) if event is not None else slugify(title)

    def clean(self):
        data = self.cleaned_data
        if not (data.get("title") or "").strip() and data.get("date"):
            data["title"] = default_day_title(data["date"], self._event())
        cleaned = super().clean()
        if not cleaned.get("title") and "date" not in self.errors and "title" not in self.errors:
            self.add_error("title", "Give the day a title, or a date to make one from.")
        if not self.instance.path and self.parent_page is not None:
            error = date_outside_event_error(cleaned.get("date"), self.parent_page.specific)
            if error:
                self.add_error("date", error)
        return cleaned


class DayPage(TreeRouteMixin, Page):
    """One day of an event. Its label ("Day 1") follows its position among its siblings."""

    date = models.DateField(help_text="Must fall within the event's dates. An empty title is made from it.")
    intro = RichTextField(blank=True, features=PARAGRAPH_FEATURES)

    content_panels = [
        HelpPanel(DAY_HELP, heading="About days"),
        TitleFieldPanel(
            "title",
            placeholder="Day title (optional)",
            help_text="Optional: left empty, it is made from the date, e.g. “Day 1 · Monday 16 October”.",
        ),
        FieldPanel("date"),
        FieldPanel("intro"),
    ]

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

    @classmethod
    def route_sql_columns(cls, alias):
        # `day_number` for routing in one query (routing.py), by the rule of `DayPage.objects.numbered()`:
        # 1 + the published, public days before this one under the same event.
        page, day, sibling = Page._meta.db_table, cls._meta.db_table, f"{alias}_sibling"
        earlier = (  # table names from the models' metadata, never from input
            f"SELECT COUNT(*) FROM {page} {sibling} JOIN {day} {sibling}_day"  # noqa: S608
            f" ON {sibling}_day.page_ptr_id = {sibling}.id"
            # Earlier siblings: same depth, paths between the parent's and this day's (an index range).
            f" WHERE {sibling}.depth = {alias}.depth AND {sibling}.path > {parent_path_sql(alias)}"
            f" AND {sibling}.path < {alias}.path"
            f" AND {sibling}.live AND NOT {restricted_sql(sibling)}"
        )
        return [("day_number", f"1 + ({earlier})")]

    @property
    def label(self) -> str:
        """ "Day 2": the day's place among its event's published days.

        `day_number` is the window annotation of `DayPage.objects.numbered()`, which the event page
        and routing read days through; a day read otherwise gets it from `numbered_day()`.
        """
        return f"Day {self.day_number}"

    @cached_property
    def language_code(self) -> str:
        """Its event's language: a day has no language of its own."""
        event = EventPage.objects.ancestor_of(self).only("language").first()
        return event.language_code if event else default_language()

    def child_for_route(self, slug, is_last):
        from .talks import TalkPage

        talk = first_or_none(TalkPage.objects.child_of(self).for_talk_page(), slug=slug)
        if talk is not None:
            talk.prefetch_for_page()
        return talk

    def get_context(self, request, *args, **kwargs):
        from stack import content_cache

        from ..schedule.timetable import build_timetable
        from ..seo import CODE_VERSION
        from .talks import TalkPage

        numbered_day(self)  # a preview, or a draft or private day served without routing's numbering
        context = super().get_context(request, *args, **kwargs)
        context["event"] = self.get_parent().specific
        self.language_code = context["event"].language_code
        parent_url = self.get_url(request)

        def talks_markup():
            talks = TalkPage.objects.live().public().child_of(self).in_schedule_order()
            talks = talks.day_listing(parent_url=parent_url)
            day = {**context, "talks": talks, "timetable": build_timetable(talks)}  # issue 13
            return render_to_string("conference/day_talks.html", day, request=request)

        # The timetable or list, from the content cache when the day is public (stack.content_cache):
        # reading and laying out 200 talks cost most of such a day's page.
        key = content_cache.page_key(request, self, "day-talks", CODE_VERSION, parent_url)
        context["day_talks"] = mark_safe(content_cache.cached(request, key, talks_markup))  # noqa: S308 - our template
        return context


def numbered_day(day: DayPage) -> DayPage:
    """`day`, with the `day_number` that `DayPage.objects.numbered()` gives it.

    Routing and the event page read days through `numbered()`; a day read any other way (a
    preview, a talk's parent in a preview, a calendar) is numbered here by the same annotation.
    """
    if "day_number" not in day.__dict__:
        day.day_number = DayPage.objects.number_of(day)
    return day


def _free_slug(base: str, parent, page) -> str:
    """`base`, or `base-2`, `base-3`… whichever no other page under `parent` has."""
    taken = set(parent.get_children().exclude(pk=page.pk).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
