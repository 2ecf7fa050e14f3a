"""Give talks their day and event without a query per talk: the calendars and exports need both."""

from conference.models import DayPage, EventPage
from conference.models.querysets import PATH_STEP
from conference.models.schedule import talk_end, talk_start


def attach_day_and_event(talks):
    """Set `talk.day` and `talk.event` on each of `talks` (two queries in all); returns `talks`."""
    talks = list(talks)
    day_paths = {talk.path[:-PATH_STEP] for talk in talks}
    days = {day.path: day for day in DayPage.objects.filter(path__in=day_paths)}
    events = {e.path: e for e in EventPage.objects.filter(path__in={p[:-PATH_STEP] for p in day_paths})}
    for talk in talks:
        talk.day = days[talk.path[:-PATH_STEP]]
        talk.event = events[talk.day.path[:-PATH_STEP]]
    return talks


def starts_at(talk):
    """The talk's start as an aware datetime in its event's time zone (after attach_day_and_event)."""
    return talk_start(talk.day.date, talk.start_time, talk.event.time_zone)


def ends_at(talk):
    return talk_end(talk.day.date, talk.start_time, talk.end_time, talk.event.time_zone)
