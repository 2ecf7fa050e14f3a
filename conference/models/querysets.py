"""The QuerySets behind every public page and listing (routing itself is in `routing.py`).

House style 3: a listing asks one QuerySet method per need and the prefetching lives here, so a
page runs the same queries, and about the same CPU, for 5 talks or 200. What keeps it flat:

- listings load only the columns they show (`.only(...)`: never a talk's body);
- lightning talks come through `Prefetch(..., to_attr=...)` lists, not modelcluster's
  per-instance related managers, which cost a QuerySet per talk; a listing's speakers come as
  plain rows (`for_listing`), without building a model per speaker;
- "public" is a subquery (`private_q`) instead of Wagtail's extra query for every `.public()`;
- values a template shows are always there (`day_number`, `talk_count` annotations,
  `speaker_links`, `listing_url`), so no template probes for an attribute that may be missing.
"""

from typing import NamedTuple

from django.db import connections, models, router
from django.db.models.functions import Cast, Coalesce, Length, Substr
from django.urls import reverse
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

# Wagtail's tree paths grow by this many characters per level (treebeard's steplen).
PATH_STEP = Page.steplen

# The columns a talk listing shows (title, link, kind, time, room, summary) and the ones Wagtail
# needs to build a page's URL and tell its type.
TALK_LISTING_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "title",
    "slug",
    "live",
    "locale_id",
    "content_type_id",
    "kind",
    "start_time",
    "end_time",
    "room",
    "track",
    "summary",
)


def restricted_q():
    """True for a page under a view restriction (on itself or an ancestor), as a subquery.

    Wagtail's `private_q()` reads every restriction in a query of its own each time `.public()`
    is called; this asks the database in the same query.
    """
    return models.Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(models.OuterRef("path"), 1, Length("page__path")),
        )
    )


def _count(queryset) -> models.Subquery:
    """The number of rows of `queryset` (correlated through OuterRef), as an annotation."""
    counted = queryset.order_by().annotate(_one=models.Value(1)).values("_one")
    return Coalesce(
        models.Subquery(counted.annotate(n=models.Func(models.F("_one"), function="COUNT")).values("n")[:1]),
        0,
    )


class ConferencePageQuerySet(PageQuerySet):
    def private_q(self):
        return restricted_q()

    def searchable(self):
        """Published, public pages, filtered the way the search backend can read (plain field
        filters, not the subquery of `private_q`): it costs Wagtail's one extra query."""
        return self.live().exclude(super().private_q())

    def with_restricted_flag(self):
        """Annotate `is_restricted`, so serving the page needs no query for its view restrictions."""
        return self.annotate(is_restricted=restricted_q())

    def with_search_text(self):
        """Annotate `search_text`: the page's text as the search index holds it (summary, notes,
        speakers: everything searched but the title), in the same query, for result snippets."""
        from django.db import connection
        from modelsearch.conf import get_app_config

        index_entries = get_app_config().get_model("IndexEntry")
        # PostgreSQL's entry keeps the words as a tsvector and the text beside it.
        column = "body_text" if connection.vendor == "postgresql" else "body"
        text = index_entries.objects.filter(
            content_type_id=models.OuterRef("content_type_id"),
            object_id=Cast(models.OuterRef("pk"), models.CharField()),
        ).values(column)[:1]
        return self.annotate(
            search_text=Coalesce(models.Subquery(text), models.Value(""), output_field=models.TextField())
        )


class EventPageQuerySet(ConferencePageQuerySet):
    def for_listing(self):
        return self.only(
            "id", "path", "depth", "url_path", "title", "slug", "live", "locale_id", "content_type_id",
            "start_date", "end_date", "location",
        )  # fmt: skip


class DayPageQuerySet(ConferencePageQuerySet):
    def numbered(self):
        """Annotate `day_number`: 1 for the first day of its event in this QuerySet, 2 for the next...

        Use it on the published days readers can see (`.live().public()`), so that the label
        "Day 2" matches the event page's list.
        """
        parent_path = Substr("path", 1, Length("path") - PATH_STEP)
        return self.annotate(
            day_number=models.Window(models.functions.RowNumber(), partition_by=[parent_path], order_by="path")
        )

    def number_of(self, day) -> int:
        """`day`'s `day_number`, as `numbered()` gives it in its event's list of published days.

        For a day read some other way (a preview, a calendar). A draft, private or unsaved day
        counts where it stands among the published ones. The rows are read whole: a filter here
        (say `pk=day.pk`) would run before the window and make every day "Day 1".
        """
        rows = self.model.objects.sibling_of(day).live().public().numbered().values_list("pk", "path", "day_number")
        numbers = {pk: number for pk, _path, number in rows}
        if day.pk in numbers:
            return numbers[day.pk]
        return 1 + sum(1 for _pk, path, _number in rows if path < day.path)

    def with_talk_count(self):
        """Annotate `talk_count`: the day's published, public talks."""
        from .talks import TalkPage

        talks = (
            TalkPage.objects.live()
            .public()
            .filter(path__startswith=models.OuterRef("path"), depth=models.OuterRef("depth") + 1)
        )
        return self.annotate(talk_count=_count(talks))


class TalkPageQuerySet(ConferencePageQuerySet):
    """Chainable filters for talks, after the seed's "Custom Model Managers and QuerySets" talk.

    `TalkPage.objects.live().for_event(event).of_kind("keynote").for_listing()`
    """

    def for_event(self, event):
        return self.descendant_of(event)

    def for_day(self, day):
        return self.child_of(day)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def given_by(self, speaker):
        """Talks with `speaker` among their speakers (lightning sessions they spoke in are not)."""
        from .talks import TalkSpeaker

        return self.filter(models.Exists(TalkSpeaker.objects.filter(talk=models.OuterRef("pk"), speaker=speaker)))

    def for_speaker(self, speaker):
        """Talks `speaker` speaks in: as a speaker, or with a lightning talk of the session."""
        from .talks import LightningTalk, TalkSpeaker

        return self.filter(
            models.Exists(TalkSpeaker.objects.filter(talk=models.OuterRef("pk"), speaker=speaker))
            | models.Exists(LightningTalk.objects.filter(page=models.OuterRef("pk"), speaker=speaker))
        )

    def with_speakers(self, *, notes=False):
        """Prefetch `speaker_rows` (TalkSpeakers with their Speaker, in order) and `lightning_rows`.

        Plain lists (`to_attr`): modelcluster builds a related manager per talk otherwise. A
        lightning talk's notes are loaded only with `notes=True` (the talk page shows them).
        """
        from .talks import LightningTalk, TalkSpeaker

        lightning = LightningTalk.objects.select_related("speaker").order_by("sort_order")
        if not notes:
            lightning = lightning.defer("notes")
        return self.prefetch_related(
            models.Prefetch(
                "talk_speakers",
                queryset=TalkSpeaker.objects.select_related("speaker").order_by("sort_order"),
                to_attr="speaker_rows",
            ),
            models.Prefetch("lightning_talks", queryset=lightning, to_attr="lightning_rows"),
        )

    def for_listing(self):
        """What talk_list.html shows of each talk, and nothing else.

        A talk card's columns; `speaker_links`, [{"speaker_name", "speaker_url"}] in order, read as
        plain rows once the talks are fetched (no TalkSpeaker or Speaker objects: building them,
        and reversing a URL per speaker, costs more than the query); `lightning_rows`, its
        lightning talks' titles.
        """
        from .talks import LightningTalk

        lightning = LightningTalk.objects.only("id", "page_id", "title", "sort_order").order_by("sort_order")
        listing = self.only(*TALK_LISTING_FIELDS).prefetch_related(
            models.Prefetch("lightning_talks", queryset=lightning, to_attr="lightning_rows")
        )
        listing._with_speaker_links = True
        return listing

    def _clone(self):
        clone = super()._clone()
        clone._with_speaker_links = getattr(self, "_with_speaker_links", False)
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if not fetched and getattr(self, "_with_speaker_links", False):
            _attach_speaker_links([talk for talk in self._result_cache if isinstance(talk, self.model)])

    def day_listing(self, parent_url: str) -> list:
        """A day's talks as plain `ListedTalk` values, for its timetable and talk cards (terminal).

        What `for_listing()` and `with_track()` give, without a model per talk: building 200
        TalkPage instances (and a Track for each) costs more than the rest of the day page. Three
        queries whatever the number of talks: the talks with their track's name, their speakers
        (as `for_listing()` reads them) and their lightning talks' titles. A talk's address is
        `parent_url` (the day's) plus its slug, as Wagtail routes it.
        """
        from .talks import LightningTalk, ListedTalk

        rows = self.values_list(*ListedTalk.COLUMNS)
        talks = [ListedTalk(*row, parent_url=parent_url) for row in rows]
        by_pk = {talk.pk: talk for talk in talks}
        # The talks' ids as a subquery (the same filter again), not a list of 200 parameters to prepare.
        ids = self.order_by().values("pk")
        _attach_speaker_links(talks, ids)
        lightning = LightningTalk.objects.filter(page_id__in=ids).order_by("page_id", "sort_order")
        lightning = lightning.values_list("page_id", "title")
        for page_id, title in lightning:
            by_pk[page_id].lightning_rows.append(LightningTitle(title))
        return talks

    def with_track(self):
        """The schedule's track, in the same query (issue 13)."""
        return self.select_related("track")

    def for_talk_page(self):
        """One talk, for its own page: its view-restriction flag and its owner (the notes' author in its
        structured data); `prefetch_for_page()` adds the rest."""
        return self.with_restricted_flag().select_related("owner")

    def with_event_and_day(self):
        """Annotate `day_title` and `event_title` from the tree, in the same query."""
        return self.annotate(day_title=_ancestor_title(1), event_title=_ancestor_title(2))

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


def schedule_neighbours(talk) -> tuple[dict | None, dict | None]:
    """The published, public talks before and after `talk` on its day in schedule order, as {"title", "slug"} or None.

    The order of `in_schedule_order()`. One plain query of three columns over the day's talks, written
    from the models' metadata: the ORM takes longer to build this query than the database to answer it,
    and window functions returning only the two rows cost more still.
    """
    from .routing import restricted_sql
    from .talks import TalkPage

    db = router.db_for_read(TalkPage)
    page, talks = Page._meta.db_table, TalkPage._meta.db_table
    sql = (  # table names from the models' metadata, never from input
        f"SELECT p.id, p.title, p.slug FROM {page} p JOIN {talks} t ON t.page_ptr_id = p.id"  # noqa: S608
        f" WHERE p.path LIKE %s AND p.depth = %s AND p.live AND NOT {restricted_sql('p')}"
        " ORDER BY t.start_time IS NULL, t.start_time, p.path"
    )
    with connections[db].cursor() as cursor:
        # The day's path is letters and digits: no LIKE wildcard to escape.
        cursor.execute(sql, [f"{talk.path[:-PATH_STEP]}%", talk.depth])
        rows = cursor.fetchall()
    position = next((i for i, row in enumerate(rows) if row[0] == talk.pk), None)
    if position is None:
        return None, None

    def neighbour(i):
        return {"title": rows[i][1], "slug": rows[i][2]} if 0 <= i < len(rows) else None

    return neighbour(position - 1), neighbour(position + 1)


class LightningTitle(NamedTuple):
    """A lightning talk's title, as a listing's `lightning_rows` holds it."""

    title: str


def _ancestor_title(levels_up: int):
    return models.Subquery(
        Page.objects.filter(
            path=Substr(models.OuterRef("path"), 1, Length(models.OuterRef("path")) - PATH_STEP * levels_up)
        ).values("title")[:1]
    )


def _attach_speaker_links(talks, ids=None):
    """Set `speaker_links` on each talk from one query of plain rows (see `for_listing`); `ids`: a subquery of
    the talks' ids, when there is one."""
    from .talks import TalkSpeaker

    detail_url = reverse("speaker_detail", args=["-"])  # "/speakers/-/": the address around a slug
    before, after = detail_url[:-2], detail_url[-1:]
    links = {talk.pk: [] for talk in talks}
    rows = (
        TalkSpeaker.objects.filter(talk_id__in=links if ids is None else ids)
        .order_by("talk_id", "sort_order")
        .values_list("talk_id", "speaker__name", "speaker__slug")
    )
    for talk_id, name, slug in rows:
        links[talk_id].append({"speaker_name": name, "speaker_url": f"{before}{slug}{after}"})
    for talk in talks:
        talk.speaker_links = links[talk.pk]


def with_listing_urls(talks, request, parent_url: str | None = None) -> list:
    """The talks, each with `listing_url` for talk_list.html.

    Under one parent (a day's talks), a talk's address is the parent's plus its slug, as Wagtail
    routes it: no URL is reversed per talk, which costs more than the rest of its card.
    """
    talks = list(talks)
    for talk in talks:
        talk.listing_url = f"{parent_url}{talk.slug}/" if parent_url else talk.get_url(request)
    return talks


class LightningTalkQuerySet(models.QuerySet):
    def public(self):
        """Lightning talks in sessions readers can see (published and not restricted)."""
        from .talks import TalkPage

        return self.filter(page__in=TalkPage.objects.live().public().values("pk"))

    def for_listing(self):
        """Title, place and link: what a speaker's page lists (never the notes)."""
        return self.select_related("page").only(
            "id", "title", "sort_order", "speaker_id", "page__id", "page__title", "page__url_path", "page__path"
        )


class SpeakerQuerySet(models.QuerySet):
    def public(self):
        """Speakers on at least one published, public talk or lightning talk."""
        from .talks import LightningTalk, TalkPage

        return self.filter(
            models.Exists(TalkPage.objects.live().public().filter(talk_speakers__speaker=models.OuterRef("pk")))
            | models.Exists(LightningTalk.objects.public().filter(speaker=models.OuterRef("pk")))
        )

    def with_talk_count(self):
        """Annotate `talk_count`: published, public talks plus lightning talks in such sessions.

        The same rule as `public()` and as the talks a speaker's page lists, so the speakers
        index and a speaker's page always agree.
        """
        from .talks import LightningTalk, TalkPage

        talks = TalkPage.objects.live().public().filter(talk_speakers__speaker=models.OuterRef("pk"))
        lightning = LightningTalk.objects.public().filter(speaker=models.OuterRef("pk"))
        return self.annotate(talk_count=_count(talks) + _count(lightning))

    def with_talk_pages(self):
        """Prefetch the talk pages each speaker is on (as speaker or in a lightning talk), for the admin."""
        return self.prefetch_related("talk_speakers__talk", "lightning_talks__page")

    def for_event(self, event):
        return self.filter(
            models.Q(talk_speakers__talk__path__startswith=event.path)
            | models.Q(lightning_talks__page__path__startswith=event.path)
        ).distinct()


EventPageManager = PageManager.from_queryset(EventPageQuerySet)
DayPageManager = PageManager.from_queryset(DayPageQuerySet)
TalkPageManager = PageManager.from_queryset(TalkPageQuerySet)
