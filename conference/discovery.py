"""The addresses that let readers, feed readers, search engines and programs find the notes:
robots.txt, the sitemap, the Atom feeds, the read API and /favicon.ico.

Included by site/urls.py before Wagtail's page serving (which serves only addresses ending in a
slash, so `<event>/feed.atom` never reaches it).
"""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import path, re_path, reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap

from .api import api_router
from .feeds import EventFeed, NotesFeed, SpeakerFeed, TagFeed

# A page's path as Wagtail's own serve pattern reads it (as in conference/schedule/urls.py).
PAGE = r"(?P<page_path>(?:[\w\-]+/)+)"


class PageSitemap(Sitemap):
    """Every live page without a view restriction (Wagtail's), at the address the request came to, as the
    pages' canonical links say: the Site's own hostname may be another name for the same server."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        site_root = self.get_wagtail_site().root_url
        here = self.request.build_absolute_uri("/").rstrip("/")
        for url in urls:
            if url["location"].startswith(site_root + "/"):
                url["location"] = here + url["location"][len(site_root) :]
        return urls


class SpeakerSitemap(Sitemap):
    """The public pages of speakers with at least one published, public talk."""

    def items(self):
        from .models import Speaker

        return Speaker.objects.public().only("slug").order_by("slug")

    def location(self, speaker):
        return self.request.build_absolute_uri(speaker.get_absolute_url())

    def lastmod(self, speaker):
        return None

    def get_urls(self, page=1, site=None, protocol=None):
        return [{"item": speaker, "location": self.location(speaker)} for speaker in self.items()]


def sitemap_xml(request):
    return sitemap(request, sitemaps={"pages": PageSitemap(request), "speakers": SpeakerSitemap(request)})


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: it is a static file like the others (its
    hashed name in production, looked up per request since the manifest exists only after collectstatic)."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("favicon.ico", favicon),
    path("feed.atom", NotesFeed(), name="feed_site"),
    path("speakers/<slug:slug>/feed.atom", SpeakerFeed(), name="feed_speaker"),
    path("tags/<str:slug>/feed.atom", TagFeed(), name="feed_tag"),
    re_path(rf"^{PAGE}feed\.atom$", EventFeed(), name="feed_event"),
    path("api/v2/", api_router.urls),
]
