"""Public views that are not pages: speakers and search."""

from itertools import groupby
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import EventPage, LightningTalk, Speaker, TalkPage
from .models.querysets import with_listing_urls
from .models.talks import TalkKind
from .search_query import MAX_QUERY_LENGTH, SearchWords, printable


def speaker_index(request):
    speakers = Speaker.objects.public().with_talk_count().only("id", "name", "slug").order_by("name")
    return render(request, "conference/speaker_index.html", {"speakers": speakers})


def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker.objects.prefetch_related("links"), slug=slug)
    talks = TalkPage.objects.live().public().given_by(speaker).for_listing().with_event_and_day().order_by("-path")
    lightning_talks = (
        LightningTalk.objects.public().filter(speaker=speaker).for_listing().order_by("page__path", "sort_order")
    )
    return render(
        request,
        "conference/speaker_detail.html",
        {"speaker": speaker, "talks": with_listing_urls(talks, request), "lightning_talks": lightning_talks},
    )


def search(request):
    """Talks whose words match the query, optionally in one event and of one kind.

    What the reader typed is reduced to plain words (conference.search_query), so no input reaches
    the database's query syntax; each result shows why it matched: its words highlighted in the
    title and in a snippet of its text.
    """
    raw = request.GET.get("q", "")
    words = SearchWords.parse(raw)
    events = list(EventPage.objects.live().public().order_by("-start_date", "title").values_list("pk", "title", "path"))
    event = _chosen(request.GET.get("event"), {str(pk): (pk, path) for pk, _title, path in events})
    kind = _chosen(request.GET.get("kind"), {value: value for value in TalkKind.values})
    page = None
    if words:
        # Only the address is needed to order ties; the page of results is fetched in full below.
        matches = TalkPage.objects.searchable().only("id", "url_path")
        if event:
            matches = matches.filter(path__startswith=event[1])
        if kind:
            matches = matches.filter(kind=kind)
        results = matches.search(str(words), operator="and").annotate_score("_score")
        paginator = Paginator(_ties_by_address(results), settings.SEARCH_RESULTS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        # Search results come back as a list; fetch what a result shows in one go.
        ids = [talk.pk for talk in page.object_list]
        talks = TalkPage.objects.filter(pk__in=ids).for_listing().with_event_and_day().with_search_text()
        by_id = {talk.pk: talk for talk in talks}
        page.object_list = [
            _result(talk, words) for talk in with_listing_urls((by_id[pk] for pk in ids if pk in by_id), request)
        ]
    filters = {"event": event[0] if event else None, "kind": kind}
    context = {
        "query": printable(raw),
        "words": words,
        "page": page,
        "events": [(pk, title) for pk, title, _path in events],
        "kinds": TalkKind.choices,
        "filters": filters,
        "filter_query": urlencode({k: v for k, v in filters.items() if v}),
        "max_length": MAX_QUERY_LENGTH,
    }
    return render(request, "conference/search.html", context)


def _chosen(value, choices: dict):
    """The choice named by a filter's value, or None for none or an unknown one (an old link, a typo)."""
    return choices.get(value) if isinstance(value, str) else None


def _result(talk, words: SearchWords):
    """A talk as a search result: its title and a snippet with the matching words marked, links to its day and event."""
    talk.title_marked = words.highlight(talk.title)
    talk.snippet = words.snippet(talk.search_text)
    # A page's address is its parent's plus its slug (Wagtail's routing): the day's and the event's
    # addresses are the talk's without its last one or two parts.
    talk.day_url = talk.listing_url[: talk.listing_url.rstrip("/").rfind("/") + 1]
    talk.event_url = talk.day_url[: talk.day_url.rstrip("/").rfind("/") + 1]
    return talk


def _ties_by_address(results):
    """Search results with equal scores in the order of their address, not of their database ids.

    The search backend breaks ties by id, which depends on the order pages were created: the same
    content imported into another database would list its results differently.
    """
    ordered = []
    for _, tied in groupby(results, key=lambda talk: talk._score):
        ordered.extend(sorted(tied, key=lambda talk: talk.url_path))
    return ordered
