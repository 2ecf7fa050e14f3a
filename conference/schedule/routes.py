"""The event's "All talks" sub-page (Wagtail's RoutablePageMixin, mixed into EventPage).

Its address follows the event's (`/<event>/talks/`) and Wagtail's live and privacy checks apply.
Files (`calendar.ics`, `schedule.json`) cannot be routes: Wagtail serves only paths that end in
a slash, so they are Django URLs (urls.py) that find their page the same way.
The models import this module, so it imports the schedule's modules only when a route is served.
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin, path


class EventScheduleRoutes(RoutablePageMixin):
    @path("talks/", name="all_talks")
    def all_talks(self, request):
        from .listing import event_talks

        talks, filters, days = event_talks(self, request.GET)
        track = next((o for f in filters if f.name == "track" for o in f.options if o.selected), None)
        return self.render(
            request,
            template="schedule/all_talks.html",
            context_overrides={
                "talks": talks,
                "filters": filters,
                "filtered": any(f.selected_label for f in filters),
                "track": track,
            },
        )
