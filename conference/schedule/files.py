"""The schedule's files beside the pages: `<page>/calendar.ics`, `<event>/schedule.json` and `.xml`.

Wagtail serves only addresses that end in a slash, so these are Django URLs that find their
page as Wagtail does (the request's site, then the page's route) and serve only a live page
that is not behind a privacy restriction: a calendar app cannot log in.
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from wagtail.models import Page, Site

from conference.models import DayPage, EventPage, Speaker, TalkPage
from conference.models.events import numbered_day

from .ics import calendar_response


def find_public_page(request, page_path: str):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site")
    components = [part for part in page_path.split("/") if part]
    page, args, kwargs = site.root_page.localized.specific.route(request, components)
    # A routable page (the event) answers its own address with its index route.
    routed_elsewhere = bool(args) and getattr(args[0], "__name__", None) != "index_route"
    if routed_elsewhere or kwargs or not Page.objects.live().public().filter(pk=page.pk).exists():
        raise Http404("No such page")
    return page.specific


def _talks():
    return TalkPage.objects.live().public().with_speakers().with_track().order_by("path")


def page_calendar(request, page_path):
    page = find_public_page(request, page_path)
    if isinstance(page, EventPage):
        talks = _talks().for_event(page)
        return calendar_response(page.title, talks, request, event=page, time_zone=page.time_zone)
    if isinstance(page, DayPage):
        event = page.get_parent().specific
        name = f"{event.title}: {numbered_day(page).label}"
        return calendar_response(name, _talks().child_of(page), request, time_zone=event.time_zone)
    if isinstance(page, TalkPage):
        return calendar_response(page.title, _talks().filter(pk=page.pk), request)
    raise Http404("This page has no calendar")


def event_page(request, page_path) -> EventPage:
    page = find_public_page(request, page_path)
    if not isinstance(page, EventPage):
        raise Http404("Not an event")
    return page


def track_calendar(request, page_path, track):
    event = event_page(request, page_path)
    found = get_object_or_404(event.tracks, slug=track)
    talks = _talks().for_event(event).filter(track=found)
    return calendar_response(f"{event.title}: {found.name}", talks, request, time_zone=event.time_zone)


def speaker_calendar(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    return calendar_response(f"Talks by {speaker.name}", _talks().for_speaker(speaker), request)


def _export(request, page_path):
    from .formats.export import ScheduleExport

    event = event_page(request, page_path)
    return event, ScheduleExport(event, absolute=lambda path: request.build_absolute_uri(path))


def schedule_json(request, page_path):
    event, export = _export(request, page_path)
    return JsonResponse(export.as_json(), json_dumps_params={"ensure_ascii": False, "indent": 2})


def schedule_xml(request, page_path):
    event, export = _export(request, page_path)
    return HttpResponse(export.as_xml(), content_type="application/xml; charset=utf-8")
