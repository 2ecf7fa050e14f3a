"""The read-only API: Wagtail's API v2 (`wagtail.api.v2`) at /api/v2/.

- `pages/`: events, days and talks (and the home page), only live pages without a view
  restriction on them or an ancestor: Wagtail's `get_public_pages_queryset`, which the listing, the
  `?type=` filter, `child_of`/`descendant_of` and the detail view all start from.
- `speakers/`: the speakers of at least one live, public talk or lightning talk.

Which fields each page type exposes is declared here rather than on the models (`API_FIELDS`), so
the API is one module; the viewset reads it where Wagtail reads a model's `api_fields`.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from .models import Speaker
from .models.schedule import talk_end, talk_start


class SpeakersField(serializers.Field):
    """A talk's speakers in order: id, name, slug and public address."""

    def to_representation(self, talk):
        request = self.context.get("request")
        return [
            {"id": s.pk, "name": s.name, "slug": s.slug, "url": request.build_absolute_uri(s.get_absolute_url())}
            for s in talk.speakers
        ]


class LinksField(serializers.Field):
    def to_representation(self, links):
        return [{"kind": link.kind, "title": link.label, "url": link.url} for link in links.all()]


class LightningTalksField(serializers.Field):
    def to_representation(self, lightning_talks):
        return [
            {
                "title": lt.title,
                "speaker": lt.speaker and {"id": lt.speaker.pk, "name": lt.speaker.name, "slug": lt.speaker.slug},
                "notes": lt.notes.stream_block.get_api_representation(lt.notes, self.context),
            }
            for lt in lightning_talks.select_related("speaker").order_by("sort_order")
        ]


class NameField(serializers.Field):
    def to_representation(self, value):
        return value.name if value is not None else None


class TimeZoneDateTimes(serializers.Field):
    """A talk's start and end as ISO 8601 date-times in its event's time zone (null when untimed)."""

    def to_representation(self, talk):
        day = talk.get_parent().specific
        event = day.get_parent().specific
        start = talk_start(day.date, talk.start_time, event.time_zone)
        end = talk_end(day.date, talk.start_time, talk.end_time, event.time_zone)
        return {"start": start and start.isoformat(), "end": end and end.isoformat(), "time_zone": event.time_zone}


API_FIELDS = {
    "home.HomePage": ["intro"],
    "conference.EventPage": ["start_date", "end_date", "location", "time_zone", "acronym", "website", "intro"],
    "conference.DayPage": ["date", "intro"],
    "conference.TalkPage": [
        "kind",
        APIField("speakers", serializer=SpeakersField(source="*")),
        "start_time",
        "end_time",
        APIField("schedule", serializer=TimeZoneDateTimes(source="*")),
        "room",
        APIField("track", serializer=NameField()),
        "summary",
        "tags",
        "body",
        APIField("links", serializer=LinksField()),
        APIField("lightning_talks", serializer=LightningTalksField()),
    ],
}


class ConferencePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, with the fields of `API_FIELDS`."""

    @classmethod
    def get_body_fields(cls, model):
        extra = API_FIELDS.get(model._meta.label, ())
        return cls._convert_api_fields(cls.body_fields + list(extra))


class SpeakersAPIViewSet(BaseAPIViewSet):
    """Speakers of published, public talks: /api/v2/speakers/ and /api/v2/speakers/<id>/."""

    name = "speakers"
    body_fields = BaseAPIViewSet.body_fields + ["name", "slug", "bio", "links", "url"]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["name", "slug", "url"]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["name"]

    @classmethod
    def get_body_fields(cls, model):
        fields = cls._convert_api_fields(cls.body_fields)
        for n, field in enumerate(fields):
            if field.name == "url":
                fields[n] = APIField("url", serializer=SpeakerURLField(source="*"))
        return fields

    model = Speaker

    def get_queryset(self):
        return Speaker.objects.public().order_by("name", "id")


class SpeakerURLField(serializers.Field):
    def to_representation(self, speaker):
        return self.context["request"].build_absolute_uri(speaker.get_absolute_url())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ConferencePagesAPIViewSet)
api_router.register_endpoint("speakers", SpeakersAPIViewSet)
