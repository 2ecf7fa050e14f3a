import uuid

from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from .images import first_image, single_image_field
from .querysets import SpeakerQuerySet


class Speaker(index.Indexed, ClusterableModel):
    """A person who speaks: one identity across talks, events and years."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, help_text="Used in the speaker's address: /speakers/<slug>/")
    bio = models.TextField("Short bio", blank=True, max_length=1000)
    photo = single_image_field("Photo", help_text="Optional. Describe the photo in its alt text.")
    # The schedule formats' person guid: a re-import finds the same person even after a rename.
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = SpeakerQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        InlinePanel("links", label="Links"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("bio"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("speaker_detail", args=[self.slug])

    def prefetched_talk_pages(self) -> list:
        """The talk pages (live or draft) this speaker is on, in tree order; use after `with_talk_pages()`."""
        pages = {ts.talk.pk: ts.talk for ts in self.talk_speakers.all()}
        pages.update({lt.page.pk: lt.page for lt in self.lightning_talks.all()})
        return sorted(pages.values(), key=lambda page: page.path)

    @property
    def photo_image(self):
        return first_image(self.photo)


class SpeakerLink(Orderable):
    speaker = ParentalKey(Speaker, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=100, help_text="What the link is, e.g. Website, Mastodon, GitHub.")
    url = models.URLField("Address")

    panels = [FieldPanel("title"), FieldPanel("url")]

    def __str__(self):
        return f"{self.title}: {self.url}"
