"""Public views that are not pages: speakers and search."""

from itertools import groupby

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import LightningTalk, Speaker, TalkPage
from .models.querysets import with_listing_urls


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
    query = request.GET.get("q", "").strip()
    results = None
    page = None
    if query:
        # Only the address is needed to order ties; the page of results is fetched in full below.
        matches = TalkPage.objects.searchable().only("id", "url_path")
        results = matches.search(query, operator="and").annotate_score("_score")
        paginator = Paginator(_ties_by_address(results), settings.SEARCH_RESULTS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        # Search results come back as a list; fetch what a talk card shows in one go.
        ids = [talk.pk for talk in page.object_list]
        by_id = {talk.pk: talk for talk in TalkPage.objects.filter(pk__in=ids).for_listing().with_event_and_day()}
        page.object_list = with_listing_urls((by_id[pk] for pk in ids if pk in by_id), request)
    return render(request, "conference/search.html", {"query": query, "page": page, "results": results})


def _ties_by_address(results):
    """Search results with equal scores in the order of their address, not of their database ids.

    The search backend breaks ties by id, which depends on the order pages were created: the same
    content imported into another database would list its results differently.
    """
    ordered = []
    for _, tied in groupby(results, key=lambda talk: talk._score):
        ordered.extend(sorted(tied, key=lambda talk: talk.url_path))
    return ordered
