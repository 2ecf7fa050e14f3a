"""What the `<head>` of every public page says about it: title, description, canonical address,
sharing card (OpenGraph, Twitter), feeds and calendars to discover, and its structured data.

One function, `head_meta(context)`, reads the template context a page or view already has (`page`,
`speaker`, `tag`...) so no view needs to pass anything more; templates/includes/head_meta.html prints it.
"""

import hashlib
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from . import feeds, structured_data

DESCRIPTION_CHARS = 160
# The card image made locally (static/img/card.png): used when a page has no image of its own.
DEFAULT_IMAGE = ("img/card.png", 1200, 630)
# What the sharing cards ask for (OpenGraph's and Twitter's large card: 1.91:1).
CARD_RENDITION = "fill-1200x630-c0"


@dataclass
class Link:
    href: str
    type: str
    title: str


@dataclass
class HeadMeta:
    title: str
    title_suffix: str
    description: str
    canonical: str
    og_type: str
    image: str
    image_alt: str
    image_width: int | None = None
    image_height: int | None = None
    alternates: list[Link] = field(default_factory=list)
    json_ld: str = ""
    site_name: str = ""


def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME


def plain_text(html_or_text, limit=DESCRIPTION_CHARS) -> str:
    """Tags stripped, whitespace folded; when longer than `limit`, its whole sentences that fit, else cut at
    a word with "…"."""
    text = " ".join(unescape(strip_tags(str(html_or_text or ""))).split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in re.findall(r"[^.!?]+[.!?]+(?:\s|$)", text):
        if len(kept) + len(sentence) > limit:
            break
        kept += sentence
    return kept.strip() or Truncator(text).chars(limit, truncate="…")


def first_paragraph(stream) -> str:
    for block in stream or ():
        if block.block_type == "paragraph":
            text = plain_text(block.value.source if hasattr(block.value, "source") else block.value)
            if text:
                return text
    return ""


def first_body_image(stream):
    """The first image of a talk's notes (a top-level image block) that is not decorative, or None."""
    for block in stream or ():
        if block.block_type == "image":
            image = block.value.get("image")
            if image is not None and not getattr(image, "decorative", False):
                return image
    return None


def _absolute(request, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def _day_and_event(page):
    """A talk's or day's event and day, from the routed tree (no query) or the context."""
    from .models import DayPage, EventPage

    if isinstance(page, EventPage):
        return page, None
    ancestors = [getattr(a, "specific_deferred", a) for a in page_ancestors(page)]
    event = next((a for a in ancestors if isinstance(a, EventPage)), None)
    day = page if isinstance(page, DayPage) else next((a for a in ancestors if isinstance(a, DayPage)), None)
    return event, day


def page_ancestors(page) -> list:
    """The page's ancestors under the root, as the breadcrumbs read them (no query once routed)."""
    from .templatetags.page_trail import breadcrumb_ancestors

    return list(breadcrumb_ancestors(page))


def page_description(page, event=None, day=None) -> str:
    from home.models import HomePage

    from .models import DayPage, EventPage, TalkPage

    if page.search_description:
        return plain_text(page.search_description)
    if isinstance(page, TalkPage):
        made = f"Notes from “{page.title}”" + (f" at {event.title}" if event else "") + "."
        return plain_text(page.summary) or first_paragraph(page.body) or made
    if isinstance(page, EventPage):
        dates = f"{page.start_date:%-d %B %Y} to {page.end_date:%-d %B %Y}"
        return plain_text(page.intro) or f"Notes from the talks of {page.title}, {dates}, {page.location}."
    if isinstance(page, DayPage):
        where = f" of {event.title}" if event else ""
        return plain_text(page.intro) or f"Notes from the talks of {page.title}{where}."
    if isinstance(page, HomePage):
        return plain_text(page.intro) or f"{site_name()}: notes from conference talks, by event, day and talk."
    return f"{page.title}: {site_name()}."


VIEW_DESCRIPTIONS = {
    "search": "Search the notes of every talk: titles, summaries, speakers and the notes themselves.",
    "speaker_index": "Everyone who spoke at the conferences in these notes, with their talks.",
    "accessibility_statement": "How accessible this site is, how it is checked, and how to report a problem.",
}


def view_description(context) -> str:
    url_name = getattr(getattr(context["request"], "resolver_match", None), "url_name", None)
    if url_name in VIEW_DESCRIPTIONS:
        return VIEW_DESCRIPTIONS[url_name]
    if context.get("speaker") is not None:
        speaker = context["speaker"]
        return plain_text(speaker.bio) or f"Notes from the talks given by {speaker.name}."
    if context.get("tag") is not None:
        return f"Notes from the talks tagged “{context['tag'].name}”."
    return f"{site_name()}: notes from conference talks, by event, day and talk."


def _image(request, image, alt):
    """The card rendition, or None when the image's file cannot be read (the storage refuses or lost it):
    the page still renders, as Wagtail's {% image %} tag does."""
    try:
        rendition = image.get_rendition(CARD_RENDITION)
    except OSError:  # Wagtail's SourceImageIOError among them
        return None
    return _absolute(request, rendition.url), alt, rendition.width, rendition.height


def _default_image(request):
    path, width, height = DEFAULT_IMAGE
    return _absolute(request, static(path)), f"{site_name()}: notes from conference talks", width, height


def card_image(request, page, event):
    """The talk's first image, else the event's logo, else the site's card (url, alt, width, height)."""
    from .models import TalkPage

    if isinstance(page, TalkPage):
        image = first_body_image(page.body)
        card = image and _image(request, image, getattr(image, "contextual_alt_text", "") or page.title)
        if card:
            return card
    logo = event.logo_image if event is not None else None
    card = logo and _image(request, logo, getattr(logo, "contextual_alt_text", "") or event.title)
    return card or _default_image(request)


# The titles of the views that are not pages (their templates' title blocks say the same).
VIEW_TITLES = {
    "search": "Search",
    "speaker_index": "Speakers",
    "accessibility_statement": "Accessibility statement",
    "all_talks": "All talks · {page.title}",
}


def page_title(context, page) -> str:
    request = context["request"]
    url_name = getattr(getattr(request, "resolver_match", None), "url_name", None)
    if context.get("speaker") is not None:
        return context["speaker"].name
    if context.get("tag") is not None:
        return f"Talks tagged “{context['tag'].name}”"
    if page is not None and request.path != page.url and request.path.endswith("/talks/"):
        url_name = "all_talks"  # the event's own route (conference/schedule/routes.py)
    if url_name in VIEW_TITLES:
        return VIEW_TITLES[url_name].format(page=page)
    if page is not None:
        return page.seo_title or page.title
    return site_name()


ATOM = "application/atom+xml"
ICS = "text/calendar"


def discovery_links(context, page, event) -> list[Link]:
    """The feeds and calendars of what the page shows, for `<link rel="alternate">`."""
    from .models import DayPage, EventPage, TalkPage

    links = [Link(reverse("feed_site"), ATOM, f"{site_name()}: newest notes")]
    if event is not None:
        links.append(Link(feeds.event_feed_url(event), ATOM, f"{event.title}: newest notes"))
    if isinstance(page, (EventPage, DayPage, TalkPage)):
        links.append(Link(f"{page.url}calendar.ics", ICS, f"{page.title}: calendar"))
    speaker, tag = context.get("speaker"), context.get("tag")
    if speaker is not None:
        links.append(Link(reverse("feed_speaker", args=[speaker.slug]), ATOM, f"Notes from {speaker.name}’s talks"))
        links.append(Link(reverse("speaker_calendar", args=[speaker.slug]), ICS, f"{speaker.name}: calendar"))
    if tag is not None:
        links.append(Link(reverse("feed_tag", args=[tag.slug]), ATOM, f"Talks tagged “{tag.name}”"))
    return links


# The source of the code and templates that build what is cached of a page (its head, a day's
# talks): a change to any of it (a deploy) is a new cache key.
CODE_VERSION = hashlib.sha256(
    b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py")))
    + b"".join(path.read_bytes() for path in sorted((Path(__file__).parent / "models").glob("*.py")))
    + b"".join(path.read_bytes() for path in sorted((Path(__file__).parent.parent / "templates").rglob("*.html")))
).hexdigest()[:16]


def head_meta(context) -> HeadMeta:
    """The head of the page or view in `context`; a routed public page's from the content cache
    (`stack.content_cache`): everything it shows is content, the page's address and revision, or
    in the key (the code, the site's name, the notes' author: a user, not content)."""
    from stack import content_cache

    page = context.get("page")
    if not hasattr(page, "specific_class"):
        page = None  # a view's own "page" (a paginator's page of results), not a Wagtail page
    request = context.get("request")
    if request is None or context.get("speaker") is not None or context.get("tag") is not None:
        return build_head_meta(context, page)
    key = content_cache.page_key(
        request, page, "head-meta", CODE_VERSION, site_name(), page and page.__dict__.get("notes_author")
    )
    return content_cache.cached(request, key, lambda: build_head_meta(context, page))


def build_head_meta(context, page) -> HeadMeta:
    from .models import TalkPage

    request = context.get("request")
    if request is None:  # rendered outside a request (no address to make absolute): the title only
        title = page.title if page is not None else site_name()
        return HeadMeta(title, f" · {site_name()}", "", "", "website", "", "", site_name=site_name())
    title = page_title(context, page)
    event = day = None
    if page is not None:
        event, day = _day_and_event(page)
        description = page_description(page, event, day)
    else:
        description = view_description(context)
    image, image_alt, width, height = card_image(request, page, event)

    alternates = discovery_links(context, page, event)

    # The page's own address, or the route below it it was reached by (an event's "All talks"); a
    # preview in the admin still names the page's public address.
    path = request.path
    if page is not None and not path.startswith(page.url or path):
        path = page.url
    canonical = request.build_absolute_uri(path)
    # The home page is usually called after the site: "Conference Notes", not "… · Conference Notes".
    is_root = page is not None and page.depth <= 2
    suffix = "" if is_root and title.casefold() == site_name().casefold() else f" · {site_name()}"
    return HeadMeta(
        title=title,
        title_suffix=suffix,
        description=description,
        canonical=canonical,
        og_type="article" if isinstance(page, TalkPage) else "website",
        image=image,
        image_alt=image_alt,
        image_width=width,
        image_height=height,
        alternates=alternates,
        site_name=site_name(),
        json_ld=structured_data.for_context(context, page=page, event=event, day=day, title=title, image_url=image),
    )
