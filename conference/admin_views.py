"""Admin views for speakers that wagtail-modeladmin's defaults do not cover."""

from django.db import models
from django.template.response import TemplateResponse
from wagtail_modeladmin.views import DeleteView

from .models import TalkPage
from .references import pages_using


def talks_of(speaker) -> list[TalkPage]:
    """Every talk page the speaker is on (as a speaker, in a lightning talk, or as a quote's attribution
    per Wagtail's reference index), live or draft, in tree order."""
    ids = set(TalkPage.objects.for_speaker(speaker).values_list("pk", flat=True))
    ids.update(page.pk for page in pages_using(speaker))
    return list(TalkPage.objects.filter(pk__in=ids).order_by("path").with_event_and_day())


class SpeakerDeleteView(DeleteView):
    """Refuses, from the start, to delete a speaker who is still on a talk, and names those talks.

    The speaker's rows on talks are PROTECT: deleting them would silently take the speaker off those
    notes. modeladmin's default offers "Yes, delete" and only then reports a generic integrity error;
    this view says up front which talks hold the speaker and how to free them.
    """

    def get_context_data(self, **kwargs):
        talks = talks_of(self.instance)
        kwargs.setdefault("talks", talks)
        kwargs.setdefault("protected_error", bool(talks))
        return super().get_context_data(**kwargs)

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.get_template_names(), self.get_context_data())

    def post(self, request, *args, **kwargs):
        if talks_of(self.instance):
            return self.get(request, *args, **kwargs)
        try:
            return super().post(request, *args, **kwargs)
        except models.ProtectedError:  # a talk took the speaker between our check and the delete
            return self.get(request, *args, **kwargs)
