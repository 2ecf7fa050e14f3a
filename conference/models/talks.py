from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Substr
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from blocks.body import LightningNotesBlock, TalkBodyBlock

from .forms import ConferencePageForm
from .schedule import new_guid, schedule_time_errors, talk_duration

# Wagtail's tree paths grow by this many characters per level (treebeard's steplen).
PATH_STEP = Page.steplen


class TalkKind(models.TextChoices):
    TALK = "talk", "Talk"
    KEYNOTE = "keynote", "Keynote"
    LIGHTNING = "lightning", "Lightning talks"
    PANEL = "panel", "Panel"
    WORKSHOP = "workshop", "Workshop"


class TalkPageQuerySet(PageQuerySet):
    """Chainable filters for talks, after the seed's "Custom Model Managers and QuerySets" talk.

    `TalkPage.objects.live().for_event(event).of_kind("keynote").with_speakers()`
    """

    def for_event(self, event):
        return self.descendant_of(event)

    def for_day(self, day):
        return self.child_of(day)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def for_speaker(self, speaker):
        return self.filter(
            models.Q(talk_speakers__speaker=speaker) | models.Q(lightning_talks__speaker=speaker)
        ).distinct()

    def with_speakers(self):
        """Prefetch ordered speakers, lightning talks and tags: a listing's query count stays flat."""
        return self.prefetch_related(
            models.Prefetch(
                "talk_speakers",
                queryset=TalkSpeaker.objects.select_related("speaker").order_by("sort_order"),
            ),
            models.Prefetch(
                "lightning_talks",
                queryset=LightningTalk.objects.select_related("speaker").order_by("sort_order"),
            ),
            "tags",
        )

    def with_track(self):
        """The schedule's track, in the same query (issue 13)."""
        return self.select_related("track")

    def with_event_and_day(self):
        """Annotate `day_title` and `event_title` from the tree, in the same query."""
        return self.annotate(
            day_title=_ancestor_title(1),
            event_title=_ancestor_title(2),
        )

    def in_schedule_order(self):
        # Talks without a time keep the order editors gave them in the tree.
        return self.order_by(models.F("start_time").asc(nulls_last=True), "path")

    def talk_counts_by_day(self) -> dict[str, int]:
        """{day path: number of talks}, in one query."""
        rows = (
            self.annotate(day_path=Substr("path", 1, Length("path") - PATH_STEP))
            .order_by()
            .values("day_path")
            .annotate(n=models.Count("pk"))
        )
        return {row["day_path"]: row["n"] for row in rows}


def _ancestor_title(levels_up: int):
    return models.Subquery(
        Page.objects.filter(
            path=Substr(models.OuterRef("path"), 1, Length(models.OuterRef("path")) - PATH_STEP * levels_up)
        ).values("title")[:1]
    )


TalkPageManager = PageManager.from_queryset(TalkPageQuerySet)

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


class TalkPage(Page):
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

    @property
    def duration(self):
        """Derived from the start and end times (never stored), or None."""
        return talk_duration(self.start_time, self.end_time)

    @property
    def speakers(self):
        """Speakers in order (uses the prefetch from `with_speakers()` when present)."""
        return [ts.speaker for ts in self.talk_speakers.all()]

    @property
    def tags_by_name(self):
        """Tags in alphabetical order, not the order they were added: a page renders the same however it was made
        (an export re-imported adds them sorted). Uses the prefetch from `with_speakers()` when present."""
        return sorted(self.tags.all(), key=lambda tag: (tag.name.casefold(), tag.name))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = list(
            TalkPage.objects.live()
            .public()
            .sibling_of(self)
            .in_schedule_order()
            .only("id", "title", "path", "url_path")
        )
        position = next((i for i, talk in enumerate(siblings) if talk.pk == self.pk), None)
        if position is not None:
            context["previous_talk"] = siblings[position - 1] if position > 0 else None
            context["next_talk"] = siblings[position + 1] if position + 1 < len(siblings) else None
        day = self.get_parent().specific
        context["day"] = day
        context["event"] = day.get_parent().specific
        return context


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

    panels = [FieldPanel("title"), FieldPanel("speaker"), FieldPanel("notes")]

    def __str__(self):
        return self.title
