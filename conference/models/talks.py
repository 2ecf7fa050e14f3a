from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from blocks.body import LightningNotesBlock, TalkBodyBlock

from ..recordings import recordings_of
from .events import numbered_day
from .forms import ConferencePageForm
from .language import default_language, talk_language_field
from .querysets import LightningTalkQuerySet, TalkPageManager, schedule_neighbours
from .routing import TreeRouteMixin
from .schedule import TalkLink, new_guid, schedule_time_errors, talk_duration


class TalkKind(models.TextChoices):
    TALK = "talk", "Talk"
    KEYNOTE = "keynote", "Keynote"
    LIGHTNING = "lightning", "Lightning talks"
    PANEL = "panel", "Panel"
    WORKSHOP = "workshop", "Workshop"


LIGHTNING_KIND_MESSAGE = (
    "This session has lightning talks: set its kind to “Lightning talks”, or remove the lightning talks."
)


TALK_HELP = (
    "<p><strong>A good talk page has:</strong> a one-line <em>summary</em> (shown in listings and search); its "
    "<em>speakers</em> in order (choose one, or create a new speaker from the chooser); notes in the "
    "<em>body</em> whose headings go in order (h2 for a section, h3 inside it, never h2 then h4); and alt text "
    "on every image that says what it shows (or “decorative” when it adds nothing). Publishing checks all "
    "of this and shows what to fix beside each block. Save a draft at any time: nothing is saved until you do.</p>"
)


KIND_LABELS = dict(TalkKind.choices)


class Times(NamedTuple):
    """A talk's start and end as "09:00", or "" (named, so a template reads `times.start` without probing)."""

    start: str
    end: str


class TalkValues:
    """What a talk page and a listed talk both show from their kind and times, computed alike."""

    __slots__ = ()

    @property
    def kind_label(self) -> str:
        # get_kind_display() rebuilds the choices on every call: a cost per talk in listings.
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def times(self) -> Times:
        """Start and end as "09:00" (or ""), formatted once for the listing and the page."""
        return Times(*(t.strftime("%H:%M") if t else "" for t in (self.start_time, self.end_time)))

    @property
    def duration(self):
        """Derived from the start and end times (never stored), or None."""
        return talk_duration(self.start_time, self.end_time)


class ListedTalk(TalkValues):
    """A talk as a day's timetable and talk cards show it: plain values read by `day_listing()`.

    The same names as a TalkPage from `for_listing()` (`listing_url`, `speaker_links`,
    `lightning_rows`, `kind_label`, `times`, `duration`), so the same templates show either.
    """

    COLUMNS = ("pk", "path", "slug", "title", "kind", "start_time", "end_time", "room", "summary", "track__name")
    __slots__ = (*COLUMNS[:-1], "track_name", "listing_url", "speaker_links", "lightning_rows")

    def __init__(self, pk, path, slug, title, kind, start_time, end_time, room, summary, track_name, *, parent_url):
        self.pk, self.path, self.slug, self.title, self.kind = pk, path, slug, title, kind
        self.start_time, self.end_time, self.room, self.summary = start_time, end_time, room, summary
        self.track_name = track_name
        self.listing_url = f"{parent_url}{slug}/"
        self.speaker_links, self.lightning_rows = [], []


class TalkPageForm(ConferencePageForm):
    """Checks the lightning-talk inline against the kind while the editor's form is validated.

    The model's clean() sees the inline rows only once they are attached to the
    page, which happens after form validation: too late to show a form error.
    """

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("lightning_talks")
        if formset is not None and cleaned.get("kind") != TalkKind.LIGHTNING:
            formset.is_valid()  # ClusterForm validates its formsets after this form: clean them now.
            kept = [
                form
                for form in formset.forms
                if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
            ]
            if kept:
                self.add_error("kind", LIGHTNING_KIND_MESSAGE)
        return cleaned


class TalkPageTag(TaggedItemBase):
    content_object = ParentalKey("conference.TalkPage", on_delete=models.CASCADE, related_name="tagged_items")


class TalkPage(TalkValues, TreeRouteMixin, Page):
    """One talk, keynote, panel, workshop or lightning-talks session, with notes."""

    kind = models.CharField(max_length=20, choices=TalkKind.choices, default=TalkKind.TALK)
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    room = models.CharField(max_length=100, blank=True)
    track = models.ForeignKey(
        "conference.Track",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talks",
        help_text="Optional. Tracks are listed under Snippets → Tracks.",
    )
    # Stable across slug and title changes, so calendars and conference apps keep the talk.
    guid = models.UUIDField(default=new_guid, unique=True, editable=False)
    summary = models.TextField(blank=True, max_length=500, help_text="One or two sentences for listings and search.")
    tags = ClusterTaggableManager(through=TalkPageTag, blank=True)
    body = StreamField(TalkBodyBlock(), blank=True, help_text="The notes.")
    language = talk_language_field()

    objects = TalkPageManager()

    content_panels = [
        HelpPanel(TALK_HELP, heading="What makes a good talk page"),
        *Page.content_panels,
        FieldPanel("kind"),
        InlinePanel("talk_speakers", label="Speaker", heading="Speakers (in order)"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
            ],
            heading="When and where",
            help_text="In the event's time zone. A start before 04:00 is the night after the day.",
        ),
        FieldPanel("summary"),
        FieldPanel("language"),
        FieldPanel("tags"),
        FieldPanel("body"),
        InlinePanel("links", label="Link", heading="Links (slides, recording, code)"),
        InlinePanel(
            "lightning_talks",
            label="Lightning talk",
            heading="Lightning talks",
            help_text="Each short talk of this session, with its speaker and notes.",
            # Shown only while the kind is "Lightning talks" (conference/static/conference/admin/editor.js).
            attrs={"data-shown-for-kind": TalkKind.LIGHTNING},
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.RelatedFields("talk_speakers", [index.RelatedFields("speaker", [index.SearchField("name")])]),
        index.RelatedFields(
            "lightning_talks",
            [index.SearchField("title"), index.SearchField("notes")],
        ),
    ]

    parent_page_types = ["conference.DayPage"]
    subpage_types: list[str] = []
    base_form_class = TalkPageForm
    exclude_fields_in_copy = ["guid"]
    # Its page, event and day are read in one query (routing.py), with the day's number.
    route_in_one_query = True

    class Meta:
        verbose_name = "talk"

    def clean(self):
        super().clean()
        errors = schedule_time_errors(self.start_time, self.end_time)
        if self.kind != TalkKind.LIGHTNING and self.lightning_talks.exists():
            errors["kind"] = LIGHTNING_KIND_MESSAGE
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        # A revision saved before the talk had a guid must not give it a new one when published.
        page = super().with_content_json(content)
        page.guid = self.guid
        return page

    @classmethod
    def route_sql_columns(cls, alias):
        # `notes_author` for routing in one query (routing.py): the owner's full name, as
        # `get_full_name()` gives it (table name from the user model's metadata, never from input).
        user = get_user_model()._meta.db_table
        name = f"(SELECT TRIM(u.first_name || ' ' || u.last_name) FROM {user} u WHERE u.id = {alias}.owner_id)"  # noqa: S608
        return [("notes_author", f"COALESCE({name}, '')")]

    @cached_property
    def notes_author(self) -> str:
        """The full name of who wrote the notes (the page's owner), or "" (routing reads it with the page)."""
        return self.owner.get_full_name().strip() if self.owner_id else ""

    @cached_property
    def event_language_code(self) -> str:
        """The language of the talk's event (one query, unless the page's context has already set it)."""
        from .events import EventPage

        event = EventPage.objects.ancestor_of(self).only("language").first()
        return event.language_code if event else default_language()

    @property
    def language_code(self) -> str:
        """The talk's BCP 47 language tag: its own, else its event's."""
        return self.language or self.event_language_code

    @property
    def in_other_language(self) -> bool:
        """Whether the talk is in another language than its event (its article then carries `lang`)."""
        return bool(self.language) and self.language != self.event_language_code

    def prefetch_for_page(self):
        """Fetch what this talk's page shows: speakers, tags, and lightning talks (only in a session of them).

        Plain queries on this one talk: `prefetch_related_objects` costs more CPU than they do.
        """
        self.speaker_rows = list(
            TalkSpeaker.objects.filter(talk_id=self.pk).select_related("speaker").order_by("sort_order")
        )
        self.tag_list = [
            item.tag for item in TalkPageTag.objects.filter(content_object_id=self.pk).select_related("tag")
        ]
        self.lightning_rows = []
        if self.kind == TalkKind.LIGHTNING:
            lightning = LightningTalk.objects.filter(page_id=self.pk).select_related("speaker").order_by("sort_order")
            self.lightning_rows = list(lightning)

    @property
    def speakers(self):
        """Speakers in order (from the `speaker_rows` that `with_speakers()` prefetches, when present)."""
        rows = self.__dict__.get("speaker_rows")
        if rows is None:
            rows = self.talk_speakers.all()
        return [row.speaker for row in rows]

    @property
    def link_list(self):
        """Links in order (from the `link_rows` that `get_context()` reads, when present)."""
        rows = self.__dict__.get("link_rows")
        return list(self.links.all()) if rows is None else rows

    @property
    def lightning_list(self):
        """Lightning talks in order (from `with_speakers()`'s `lightning_rows`, when present)."""
        rows = self.__dict__.get("lightning_rows")
        rows = list(self.lightning_talks.all()) if rows is None else rows
        taken = set()
        for row in rows:
            row.anchor = lightning_anchor(row.title, taken)  # numbered when a title repeats in the session
        return rows

    @property
    def tags_by_name(self):
        """Tags in alphabetical order, not the order they were added: a page renders the same however it was made
        (an export re-imported adds them sorted). Uses the prefetch from `prefetch_for_page()` when present."""
        tags = self.__dict__.get("tag_list")
        return sorted(self.tags.all() if tags is None else tags, key=lambda tag: (tag.name.casefold(), tag.name))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        day = numbered_day(self.get_parent().specific)
        day_url = day.get_url(request)
        neighbours = schedule_neighbours(self)
        for name, neighbour in zip(("previous_talk", "next_talk"), neighbours, strict=True):
            context[name] = neighbour and {"title": neighbour["title"], "url": f"{day_url}{neighbour['slug']}/"}
        context["day"] = day
        context["event"] = day.get_parent().specific
        self.event_language_code = context["event"].language_code
        if self.pk and not getattr(request, "is_preview", False):
            # One plain query for the links list, the recordings and the JSON-LD's VideoObject
            # (`prefetch_related_objects` costs more than it). A preview is not prefetched: the
            # cluster manager then shows the editor's unsaved links.
            self.link_rows = list(TalkLink.objects.filter(talk_id=self.pk).order_by("sort_order"))
        context["recordings"] = recordings_of(self.link_list)
        return context


def lightning_anchor(title: str, taken: set) -> str:
    """`lt-<slug of the title>`, numbered when two share a title: stable across re-imports and reorders
    (the rows themselves are replaced on each import, so their pk would not be)."""
    base = f"lt-{slugify(title) or 'talk'}"
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


class TalkSpeaker(Orderable):
    talk = ParentalKey(TalkPage, on_delete=models.CASCADE, related_name="talk_speakers")
    speaker = models.ForeignKey(
        "conference.Speaker",
        on_delete=models.PROTECT,
        related_name="talk_speakers",
        help_text="Choose a speaker, or create a new one from the chooser if they are not there yet.",
    )

    panels = [FieldPanel("speaker")]

    def __str__(self):
        return f"{self.speaker} at {self.talk}"


class LightningTalk(Orderable):
    """One short talk inside a lightning-talks session."""

    page = ParentalKey(TalkPage, on_delete=models.CASCADE, related_name="lightning_talks")
    title = models.CharField(max_length=255)
    speaker = models.ForeignKey(
        "conference.Speaker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lightning_talks",
        help_text="Leave empty when the notes do not say who spoke.",
    )
    notes = StreamField(LightningNotesBlock(), blank=True)

    objects = LightningTalkQuerySet.as_manager()

    panels = [FieldPanel("title"), FieldPanel("speaker"), FieldPanel("notes")]

    def __str__(self):
        return self.title

    @cached_property
    def anchor(self) -> str:
        """Its id on the session's page (`TalkPage.lightning_list` numbers a repeated title)."""
        return lightning_anchor(self.title, set())
