"""Schedule views that are not under a page: a tag's talks, a speaker's calendar."""

from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from conference.models import TalkPage
from conference.models.querysets import with_listing_urls


def tag_talks(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    talks = TalkPage.objects.live().public().filter(tags=tag).for_listing().with_event_and_day().order_by("-path")
    return render(request, "schedule/tag_talks.html", {"tag": tag, "talks": with_listing_urls(talks, request)})
