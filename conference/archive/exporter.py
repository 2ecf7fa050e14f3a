"""Crawling an event's public pages through Django and writing them as a static archive.

The pages are rendered by Django's own request handling (`django.test.Client`, an anonymous
reader on the site's host), as pretalx's `export_schedule_html` does: the archive is what a
reader sees, never a second copy of the templates. The crawl starts at the event page and
follows the links of every page it keeps (anchors, images and their srcset, the head's
stylesheets, icons and feeds, CSS url()), restricted to the event by `links.Scope`.
"""

import contextlib
import logging
import mimetypes
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http.request import validate_host
from django.test import Client, override_settings

from . import html
from .links import SEARCH_PATH, Scope, file_for, relative

NOT_FOUND_PROBE = "archive-page-that-does-not-exist/"


class ExportError(Exception):
    """The archive could not be built; the message names the page or file."""


@dataclass
class Resource:
    path: str  # the site path it was found at
    file: str  # where it goes in the archive
    content: bytes
    content_type: str
    scanned: html.ScannedPage | None = None  # a page's addresses, found once for the crawl and the rewrite

    def scan(self) -> html.ScannedPage:
        if self.scanned is None:
            self.scanned = html.scan(self.content.decode())
        return self.scanned

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")

    @property
    def is_css(self) -> bool:
        return self.content_type.startswith("text/css")


@dataclass
class Crawl:
    resources: dict[str, Resource] = field(default_factory=dict)  # by site path
    missing: set[str] = field(default_factory=set)


class Crawler:
    def __init__(self, scope: Scope, progress=None):
        self.scope = scope
        self.progress = progress or (lambda done, known: None)
        site = scope.event.get_site()
        self.host = site.hostname
        self.client = Client(HTTP_HOST=self.host, SERVER_PORT=str(site.port))
        self.settings = reader_settings(self.host)

    def crawl(self) -> Crawl:
        result = Crawl()
        queue = [self.scope.event_path, "/speakers/", "/accessibility/", SEARCH_PATH]
        seen = set(queue)
        with self.settings:
            while queue:
                path = queue.pop(0)
                resource = self.fetch(path)
                if resource is None:
                    result.missing.add(path)
                else:
                    result.resources[path] = resource
                    for found in self.addresses(resource):
                        if found not in seen:
                            seen.add(found)
                            queue.append(found)
                self.progress(len(seen) - len(queue), len(seen))
            # The 404 page is asked for on purpose: not worth the "Not Found" warning Django logs.
            request_log = logging.getLogger("django.request")
            level, request_log.level = request_log.level, logging.ERROR
            try:
                not_found = self.client.get(self.scope.event_path + NOT_FOUND_PROBE)
            finally:
                request_log.setLevel(level)
            result.resources["404"] = Resource("404", "404.html", not_found.content, not_found["Content-Type"])
        return result

    def addresses(self, resource: Resource):
        """The site paths `resource` links to that belong to the archive."""
        if resource.is_html:
            for address in resource.scan().addresses:
                urls = html.srcset_urls(address.url) if address.srcset else [address.url]
                for url in urls:
                    path = self.belonging_path(urljoin(resource.path, url), address.rel, address.type)
                    if path:
                        yield path
        elif resource.is_css:
            for url in html.css_urls(resource.content.decode()):
                path = self.belonging_path(urljoin(resource.path, url))
                if path:
                    yield path

    def belonging_path(self, url: str, rel: str = "", type_: str = "") -> str | None:
        if (name := self.scope.media_name(url)) is not None:
            return "media:" + name
        path = self.scope.local_path(url)
        if path is None or path == SEARCH_PATH or not self.scope.belongs(path, rel, type_):
            return None
        return path

    def fetch(self, path: str) -> Resource | None:
        if path.startswith("media:"):
            name = path.removeprefix("media:")
            try:
                with default_storage.open(name) as stored:
                    content = stored.read()
            except OSError:
                return None
            return Resource(path, "media/" + name, content, guess_type(name))
        if path.startswith(settings.STATIC_URL):
            return self.static_file(path, settings.STATIC_URL)
        response = self.client.get(path)
        if response.status_code != 200:
            return None
        content = b"".join(response) if response.streaming else response.content
        return Resource(path, file_for(path), content, response.get("Content-Type", guess_type(path)))

    def static_file(self, path: str, static_url: str) -> Resource | None:
        name = path.removeprefix(static_url)
        found = finders.find(name)
        try:
            if found:
                with open(found, "rb") as local:
                    content = local.read()
            else:  # a hashed name (ManifestStaticFilesStorage) exists only once collected
                with staticfiles_storage.open(name) as stored:
                    content = stored.read()
        except OSError:
            return None
        return Resource(path, file_for(path), content, guess_type(name))


def reader_settings(host: str):
    """The settings a reader on `host` meets: DEBUG off (the site's own 404 page), the host allowed.

    Only what differs is overridden, and only by adding: the admin builds archives in a thread of
    a serving process, where an override applies to every request (in production, none is needed).
    """
    changes = {}
    if settings.DEBUG:
        changes["DEBUG"] = False
    if not validate_host(host, settings.ALLOWED_HOSTS):
        changes["ALLOWED_HOSTS"] = [*settings.ALLOWED_HOSTS, host]
    return override_settings(**changes) if changes else contextlib.nullcontext()


def guess_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


class Linker:
    """The new address of every link, as a relative file link or under --base-url."""

    def __init__(self, scope: Scope, crawl: Crawl, base_url: str | None):
        self.scope = scope
        self.crawl = crawl
        self.base_url = base_url.rstrip("/") + "/" if base_url else None

    def target(self, from_file: str, from_path: str, url: str, rel: str = "", type_: str = "") -> str | None:
        if not url or url.startswith("#"):
            return url
        parts = urlsplit(url)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        absolute = urljoin(from_path, url)
        if (name := self.scope.media_name(absolute)) is not None:
            resource = self.crawl.resources.get("media:" + name)
            return self.link(from_file, resource.file) if resource else None
        path = self.scope.local_path(absolute)
        if path is None:
            return url  # another site: kept as it is
        if path == "/":
            return self.link(from_file, "index.html", page=True) + fragment
        if path == SEARCH_PATH:
            return self.link(from_file, "search/index.html", page=True)
        resource = self.crawl.resources.get(path) if self.scope.belongs(path, rel, type_) else None
        if resource is None:
            return None  # the admin, another event, a private page: not in the archive
        link = self.link(from_file, resource.file, page=resource.is_html)
        if parts.scheme == "webcal" and self.base_url:
            return "webcal://" + link.split("://", 1)[1]
        return link + fragment

    def link(self, from_file: str, to_file: str, page: bool = False) -> str:
        if self.base_url:
            if page and to_file.endswith("index.html"):
                to_file = to_file[: -len("index.html")]
            return self.base_url + to_file
        return relative(from_file, to_file)

    def absolute_urls(self, text: str) -> str:
        """Links to the live site in a page's head or a data file (calendars, feeds), moved under --base-url."""
        if not self.base_url:
            return text
        hosts = "|".join(re.escape(host) for host in sorted(self.scope.hosts, key=len, reverse=True))
        base = self.base_url.split("://", 1)[1]

        def replace(match):
            path = match.group(2)
            resource = self.crawl.resources.get(path.split("?")[0].split("#")[0])
            # An address the crawl did not keep (a page's own og:url on the 404, the sharing card)
            # keeps its path, under --base-url: never the live host.
            target = resource.file if resource else path.lstrip("/")
            if resource and resource.is_html and target.endswith("index.html"):
                target = target[: -len("index.html")]
            scheme = match.group(1)
            return f"{scheme}://{base}{target}" if scheme == "webcal" else f"{self.base_url}{target}"

        return re.sub(
            rf"(https?|webcal)://(?:{hosts})(/[^\s\"'<>]*)?", lambda m: replace(m) if m.group(2) else m.group(0), text
        )


def page_text(resource: Resource, linker: Linker, at_file: str) -> str:
    return html.rewrite(
        resource.content.decode(),
        resource.scan(),
        lambda address, url: linker.target(at_file, resource.path, url, address.rel, address.type),
    )


def css_text(resource: Resource, linker: Linker) -> str:
    return html.rewrite_css(
        resource.content.decode(), lambda url: linker.target(resource.file, resource.path, url) or url
    )


def output_files(crawl: Crawl, linker: Linker, event_path: str):
    """(archive file, bytes, is a page) for everything the crawl kept, links rewritten."""
    for path, resource in crawl.resources.items():
        if resource.is_html:
            # The head's absolute addresses (canonical, sharing cards, JSON-LD) move under --base-url too.
            text = linker.absolute_urls(page_text(resource, linker, resource.file))
            yield resource.file, mark_searchable(text, path != "404" and path != SEARCH_PATH), True
            if path == event_path:
                # The archive's front door: the event page again, at the top of the folder.
                yield "index.html", linker.absolute_urls(page_text(resource, linker, "index.html")).encode(), True
        elif resource.is_css:
            yield resource.file, css_text(resource, linker).encode(), False
        elif resource.content_type.startswith(
            ("text/", "application/json", "application/xml", "application/rss", "application/atom")
        ):
            yield resource.file, linker.absolute_urls(resource.content.decode()).encode(), False
        else:
            yield resource.file, resource.content, False


def mark_searchable(text: str, searchable: bool) -> bytes:
    """Pagefind indexes only the <main> of pages marked so (not the copies, the 404, the search)."""
    if searchable:
        text = re.sub(r"<main\b", "<main data-pagefind-body", text, count=1)
    return text.encode()
