"""Atom feeds of published notes (Django's syndication framework): the whole site, an event, a
speaker, a tag. Newest notes first (by first publication), each with its summary and address.

Only live, public talk pages are listed; a feed of an event that is a draft or private is a 404,
as is its page.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

FEED_SIZE = 50


def event_feed_url(event) -> str:
    return f"{event.url}feed.atom"


class NotesFeed(Feed):
    """The newest published notes of the whole site."""

    feed_type = Atom1Feed

    def talks(self, obj):
        from .models import TalkPage

        return TalkPage.objects.live().public()

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self, obj):
        return f"{settings.WAGTAIL_SITE_NAME}: newest notes"

    def subtitle(self, obj):
        return "Notes from conference talks, newest first."

    def link(self, obj):
        return "/"

    def feed_url(self, obj):
        return self.request.path

    def items(self, obj):
        talks = self.talks(obj).with_event_and_day()
        talks = talks.select_related("owner").order_by("-first_published_at", "-pk")
        return list(talks[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        from .seo import first_paragraph

        return item.summary or first_paragraph(item.body) or f"Notes from “{item.title}”."

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"urn:uuid:{item.guid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        name = item.owner.get_full_name().strip() if item.owner_id else ""
        return name or settings.WAGTAIL_SITE_NAME

    def item_categories(self, item):
        return [item.event_title, item.day_title]


class EventFeed(NotesFeed):
    def get_object(self, request, page_path):
        from wagtail.models import Site

        from .models import EventPage

        self.request = request
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        url_path = f"{site.root_page.url_path}{page_path}"
        return get_object_or_404(EventPage.objects.live().public(), url_path=url_path)

    def talks(self, event):
        return super().talks(event).for_event(event)

    def title(self, event):
        return f"{event.title}: newest notes"

    def subtitle(self, event):
        return f"Notes from the talks of {event.title}, newest first."

    def link(self, event):
        return event.url


class SpeakerFeed(NotesFeed):
    def get_object(self, request, slug):
        from .models import Speaker

        self.request = request
        return get_object_or_404(Speaker, slug=slug)

    def talks(self, speaker):
        from django.db.models import Exists, OuterRef

        from .models import LightningTalk, TalkSpeaker

        # Their talks, and the lightning-talk sessions they spoke in.
        return (
            super()
            .talks(speaker)
            .filter(
                Exists(TalkSpeaker.objects.filter(talk=OuterRef("pk"), speaker=speaker))
                | Exists(LightningTalk.objects.filter(page=OuterRef("pk"), speaker=speaker))
            )
        )

    def title(self, speaker):
        return f"Notes from {speaker.name}’s talks"

    def subtitle(self, speaker):
        return f"Notes from the talks given by {speaker.name}, newest first."

    def link(self, speaker):
        return speaker.get_absolute_url()


class TagFeed(NotesFeed):
    def get_object(self, request, slug):
        self.request = request
        return get_object_or_404(Tag, slug=slug)

    def talks(self, tag):
        return super().talks(tag).filter(tags=tag)

    def title(self, tag):
        return f"Talks tagged “{tag.name}”: newest notes"

    def subtitle(self, tag):
        return f"Notes from the talks tagged “{tag.name}”, newest first."

    def link(self, tag):
        return reverse("tag_talks", args=[tag.slug])
