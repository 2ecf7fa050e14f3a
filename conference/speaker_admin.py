"""The Speakers index's create form (wagtail-modeladmin) warns, like the chooser, about a name already taken."""

from django.contrib import messages
from wagtail_modeladmin.views import CreateView

from .models import Speaker
from .speaker_chooser import same_name_warning


class SpeakerCreateView(CreateView):
    """Creates the speaker (two people may share a name), then warns when another speaker has the same name,
    linking them, so a duplicate made by mistake is noticed at once and can be deleted."""

    def form_valid(self, form):
        response = super().form_valid(form)
        others = list(Speaker.objects.filter(name__iexact=self.instance.name.strip()).exclude(pk=self.instance.pk))
        if others:
            messages.warning(self.request, same_name_warning(self.instance.name, others, in_chooser=False))
        return response
