"""The schedule's sub-pages of events, days and talks (Wagtail's RoutablePageMixin).

Mixed into EventPage, DayPage and TalkPage, so every address follows the page's own
(`/<event>/talks/`, `/<event>/<day>/calendar.ics`) and Wagtail's privacy and live checks apply.
The work is done in conference.schedule's modules, imported when a route is served.
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin, path


class EventScheduleRoutes(RoutablePageMixin):
    @path("talks/", name="all_talks")
    def all_talks(self, request):
        from .listing import event_talks

        talks, filters, days = event_talks(self, request.GET)
        return self.render(
            request,
            template="schedule/all_talks.html",
            context_overrides={
                "talks": talks,
                "filters": filters,
                "filtered": any(f.selected_label for f in filters),
            },
        )


class DayScheduleRoutes(RoutablePageMixin):
    pass


class TalkScheduleRoutes(RoutablePageMixin):
    pass
