"""Public views that are not pages: speakers and search."""

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
        results = TalkPage.objects.searchable().search(query, operator="and")
        paginator = Paginator(results, settings.SEARCH_RESULTS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        # Search results come back as a list; fetch what a talk card shows in one go.
        ids = [talk.pk for talk in page.object_list]
        by_id = {talk.pk: talk for talk in TalkPage.objects.filter(pk__in=ids).for_listing().with_event_and_day()}
        page.object_list = with_listing_urls((by_id[pk] for pk in ids if pk in by_id), request)
    return render(request, "conference/search.html", {"query": query, "page": page, "results": results})
