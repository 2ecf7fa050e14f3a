"""What belongs to an event's archive, and where each of its addresses lives there.

An address belongs to the archive when it is one of the event's own pages or files (under the
event's path), the page of one of its speakers (and their calendar), the page of a tag on one of
its talks, the speakers' index, the accessibility statement, a static file, an uploaded file or
a file the pages declare in their head (feeds, icons). Everything else on the site (other events,
the admin, search results) stays out: links to it are dropped (see html.rewrite).
"""

import contextlib
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Exists, OuterRef

from conference.models import EventPage, LightningTalk, Speaker, TalkPage

SEARCH_PATH = "/search/"
SPEAKER = re.compile(r"^/speakers/(?P<slug>[\w-]+)/(calendar\.ics)?$")
TAG = re.compile(r"^/tags/(?P<slug>[^/]+)/$")
# Files a page's <head> points at that are worth keeping wherever they live on the site.
HEAD_RELS = {"icon", "shortcut", "apple-touch-icon", "manifest", "stylesheet", "alternate"}
DATA_TYPES = ("xml", "rss", "atom", "json", "calendar")


@dataclass(frozen=True)
class Scope:
    event: EventPage
    event_path: str
    hosts: frozenset[str]
    speakers: frozenset[str]
    tags: frozenset[str]
    media_prefixes: tuple[str, ...]

    @classmethod
    def for_event(cls, event: EventPage) -> "Scope":
        talks = TalkPage.objects.live().public().descendant_of(event)
        speakers = Speaker.objects.filter(
            Exists(talks.filter(talk_speakers__speaker=OuterRef("pk")))
            | Exists(LightningTalk.objects.public().filter(page__path__startswith=event.path, speaker=OuterRef("pk")))
        )
        tags = talks.exclude(tags=None).values_list("tags__slug", flat=True)
        site = event.get_site()
        hosts = {site.hostname, f"{site.hostname}:{site.port}"}
        if getattr(settings, "WAGTAILADMIN_BASE_URL", ""):
            hosts.add(urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc)
        _site_id, root_url, event_path = event.get_url_parts()
        hosts.add(urlsplit(root_url).netloc)
        return cls(
            event=event,
            event_path=event_path,
            hosts=frozenset(hosts),
            speakers=frozenset(speakers.values_list("slug", flat=True)),
            tags=frozenset(tags),
            media_prefixes=media_prefixes(),
        )

    def local_path(self, url: str) -> str | None:
        """The site path `url` names when it is on this site (relative or on the site's host)."""
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "webcal") or parts.netloc:
            if parts.netloc not in self.hosts:
                return None
        elif parts.scheme:
            return None  # mailto:, tel:, data:
        if not parts.path.startswith("/"):
            return None
        return parts.path

    def media_name(self, url: str) -> str | None:
        """The storage name of an uploaded file's address (local /media/ or a bucket's URL)."""
        address = url.split("?")[0].split("#")[0]
        for prefix in self.media_prefixes:
            if address.startswith(prefix):
                return address[len(prefix) :]
        return None

    def belongs(self, path: str, rel: str = "", type_: str = "") -> bool:
        if path.startswith(self.event_path):
            return True
        if path.startswith(settings.STATIC_URL):
            return True
        if path in ("/speakers/", "/accessibility/"):
            return True
        if match := SPEAKER.match(path):
            return match["slug"] in self.speakers
        if match := TAG.match(path):
            return match["slug"] in self.tags
        if rel and set(rel.split()) & HEAD_RELS:
            # A feed or an icon the page declares, e.g. /feeds/<event>.xml or /favicon.ico;
            # an `alternate` that is another language of a page is an HTML page: kept out.
            return rel != "alternate" or any(kind in type_ for kind in DATA_TYPES)
        return False


def media_prefixes() -> tuple[str, ...]:
    probe = "archive-probe.txt"
    prefixes = {settings.MEDIA_URL}
    with contextlib.suppress(Exception):  # a storage that cannot build URLs offline has only MEDIA_URL
        prefixes.add(default_storage.url(probe).split("?")[0][: -len(probe)])
    return tuple(sorted(prefixes, key=len, reverse=True))


def file_for(path: str) -> str:
    """The archive file of a site path: a page's folder gets an index.html."""
    path = path.lstrip("/")
    if path == "" or path.endswith("/"):
        return f"{path}index.html"
    return path


def relative(from_file: str, to_file: str) -> str:
    """The link from one archive file to another, as a browser opening files from disk needs it."""
    start = posixpath.dirname(from_file) or "."
    return posixpath.relpath(to_file, start)
