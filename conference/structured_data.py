"""schema.org structured data (JSON-LD) for the public pages.

- an event page is an `Event` with its place, dates, address and its talks as `subEvent`s;
- a talk page is the notes, an `Article` (headline, dates, author, language) `about` the talk, an
  `Event` with its times, room, speakers and conference (`superEvent`); with a recording, also a
  `VideoObject` `recordedAt` that talk;
- every page has a `BreadcrumbList` of the trail the breadcrumbs show.

Google's guidance for the Event and Article rich results names what is required (an Event's
`name`, `startDate` and `location`) and recommended; the tests check those.

The output goes inside `<script type="application/ld+json">`: a browser never runs it, so the
strict Content-Security-Policy (no inline scripts) does not block it, but the text must not be able
to end the element, hence `script_safe_json`.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe

SCHEMA = "https://schema.org"

# What json.dumps leaves that could end or confuse a <script> element (as Django's json_script does).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_safe_json(data) -> str:
    """`data` as JSON that can sit inside a <script> element: no `</script>` or `<!--` can appear."""
    return mark_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES))  # noqa: S308


def language(page) -> str:
    """The page's language as a BCP 47 tag: an event's, day's or talk's effective `language_code`
    (the talk's own, else its event's), else the site's (the home page has none of its own).
    """
    return getattr(page, "language_code", None) or settings.LANGUAGE_CODE


def _absolute(request, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def _page_url(request, page) -> str:
    """The page's address; a page being created (a preview) has none yet: the request's."""
    return _absolute(request, page.get_url(request) or request.path)


def _place(name: str) -> dict:
    return {"@type": "Place", "name": name, "address": name}


def event_data(request, event, with_talks=True) -> dict:
    data = {
        "@type": "Event",
        "@id": _page_url(request, event) + "#event",
        "name": event.title,
        "startDate": event.start_date.isoformat(),
        "endDate": event.end_date.isoformat(),
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "location": _place(event.location),
        "url": _page_url(request, event),
        "inLanguage": language(event),
    }
    if event.intro:
        from .seo import plain_text

        data["description"] = plain_text(event.intro, 500)
    if event.website:
        data["sameAs"] = event.website
    if with_talks and event.pk:
        from .models import TalkPage

        talks = TalkPage.objects.live().public().for_event(event).only("id", "title", "url_path", "path", "depth")
        urls = [(talk.title, _absolute(request, talk.get_url(request))) for talk in talks.order_by("path")]
        data["subEvent"] = [{"@type": "Event", "@id": f"{url}#event", "name": name, "url": url} for name, url in urls]
    return data


def _person(speaker, request) -> dict:
    return {"@type": "Person", "name": speaker.name, "url": _absolute(request, speaker.get_absolute_url())}


def _author(talk, request) -> dict:
    """Who wrote the notes: the page's owner when they have a name, else the site that publishes them."""
    name = talk.notes_author
    if name:
        return {"@type": "Person", "name": name}
    return {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME, "url": _absolute(request, "/")}


def talk_event_data(request, talk, event, day) -> dict:
    from .models.schedule import talk_end, talk_start

    url = _page_url(request, talk)
    start = talk_start(day.date, talk.start_time, event.time_zone) if day is not None else None
    end = talk_end(day.date, talk.start_time, talk.end_time, event.time_zone) if day is not None else None
    data = {
        "@type": "Event",
        "@id": url + "#event",
        "name": talk.title,
        "url": url,
        "startDate": start.isoformat() if start else (day.date.isoformat() if day is not None else None),
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "location": _place(", ".join(part for part in (talk.room, event.location) if part)),
        "superEvent": {"@type": "Event", "@id": _page_url(request, event) + "#event", "name": event.title,
                       "url": _page_url(request, event)},
    }  # fmt: skip
    if end:
        data["endDate"] = end.isoformat()
    if talk.summary:
        data["description"] = talk.summary
    speakers = talk.speakers
    if speakers:
        data["performer"] = [_person(speaker, request) for speaker in speakers]
    return {key: value for key, value in data.items() if value is not None}


def talk_graph(request, talk, event, day, image_url: str) -> list[dict]:
    """The notes as an Article about the talk, and the talk's recording when it has one."""
    from .models.schedule import LinkKind

    url = _page_url(request, talk)
    about = talk_event_data(request, talk, event, day)
    published = talk.first_published_at or talk.last_published_at
    modified = talk.last_published_at or published
    article = {
        "@type": "Article",
        "@id": url + "#notes",
        "headline": talk.title[:110],
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": language(talk),
        "author": _author(talk, request),
        "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME, "url": _absolute(request, "/")},
        "image": [image_url],
        "about": about,
    }
    if published:
        article["datePublished"] = published.isoformat()
        article["dateModified"] = modified.isoformat()
    if talk.summary:
        article["description"] = talk.summary
    graph = [article]
    for link in talk.link_list:  # as TalkPage.get_context read them (a preview: the editor's, in memory)
        if link.kind == LinkKind.RECORDING:
            graph.append(
                {
                    "@type": "VideoObject",
                    "name": f"Recording of “{talk.title}”",
                    "description": talk.summary or f"The recording of “{talk.title}” at {event.title}.",
                    "url": link.url,
                    "contentUrl": link.url,
                    "thumbnailUrl": [image_url],
                    "inLanguage": language(talk),
                    "recordedAt": {"@id": about["@id"]},
                }
            )
    return graph


def breadcrumb_list(request, trail: list[tuple[str, str]]) -> dict:
    """`trail`: (name, url) from the home page to this page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": _absolute(request, url)}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def breadcrumb_trail(context, page, title: str) -> list[tuple[str, str]]:
    """The trail the page's breadcrumbs show (templates/includes/breadcrumbs.html and the views' own)."""
    from .seo import page_ancestors

    request = context["request"]
    home = [("Home", "/")]
    if page is not None:
        if page.depth <= 2:
            return [("Home", page.get_url(request))]
        ancestors = page_ancestors(page)
        trail = [("Home" if a.depth == 2 else a.title, a.get_url(request)) for a in ancestors]
        trail.append((page.title, page.get_url(request)))
        page_url = page.get_url(request) or ""
        if request.path != page_url and request.path.startswith(page_url):  # a route, e.g. an event's "All talks"
            trail.append((title, request.path))
        return trail
    if context.get("speaker") is not None:
        speaker = context["speaker"]
        return [*home, ("Speakers", reverse("speaker_index")), (speaker.name, speaker.get_absolute_url())]
    if request.path == "/":
        return home
    return [*home, (title, request.path)]


def for_context(context, *, page, event, day, title: str, image_url: str) -> str:
    """The page's JSON-LD, ready to print inside <script type="application/ld+json">."""
    from .models import EventPage, TalkPage

    request = context["request"]
    graph = []
    if isinstance(page, EventPage):
        graph.append(event_data(request, page))
    elif isinstance(page, TalkPage) and event is not None:
        graph.extend(talk_graph(request, page, event, day, image_url))
    graph.append(breadcrumb_list(request, breadcrumb_trail(context, page, title)))
    return script_safe_json({"@context": SCHEMA, "@graph": graph})
