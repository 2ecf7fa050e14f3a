"""How the archive rewrites a page's addresses, and what it keeps: small pages, no crawl."""

import pytest

from conference.archive import html
from conference.archive.exporter import Crawl, Linker, Resource
from conference.archive.links import Scope, file_for, relative
from conference.factories import make_day, make_event, make_talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def scope():
    event = make_event("Linked Conference", slug="linked")
    talk = make_talk(make_day(event, slug="day-1"), "Kept talk", slug="kept", tags=["kept-tag"])
    return Scope.for_event(event), talk


def crawl_of(*paths):
    crawl = Crawl()
    for path in paths:
        kind = "text/html; charset=utf-8" if path.endswith("/") else "application/octet-stream"
        crawl.resources[path] = Resource(path, file_for(path), b"", kind)
    return crawl


def rewritten(page_html, scope, crawl, at="linked/day-1/kept/index.html", base_url=None):
    linker = Linker(scope, crawl, base_url)
    return html.rewrite(
        page_html,
        html.scan(page_html),
        lambda a, url: linker.target(at, "/linked/day-1/kept/", url, a.rel, a.type),
    )


def test_links_become_relative_file_links_that_work_from_disk(scope):
    scope, _talk = scope
    crawl = crawl_of("/linked/", "/linked/day-1/", "/tags/kept-tag/", "/static/css/site.css", "/linked/calendar.ics")
    page = (
        '<link rel="stylesheet" href="/static/css/site.css"><a href="/linked/#days">Event</a>'
        '<a href="../">Day</a><a href="/tags/kept-tag/">tag</a><a href="/">Home</a>'
        '<a href="webcal://localhost/linked/calendar.ics">Subscribe</a><a href="https://example.org/">Out</a>'
        '<form action="/search/"></form>'
    )

    assert rewritten(page, scope, crawl) == (
        '<link rel="stylesheet" href="../../../static/css/site.css"><a href="../../index.html#days">Event</a>'
        '<a href="../index.html">Day</a><a href="../../../tags/kept-tag/index.html">tag</a>'
        '<a href="../../../index.html">Home</a><a href="../../calendar.ics">Subscribe</a>'
        '<a href="https://example.org/">Out</a><form action="../../../search/index.html"></form>'
    )


def test_with_a_base_url_links_are_absolute_and_pages_end_with_their_folder(scope):
    scope, _talk = scope
    crawl = crawl_of("/linked/", "/linked/calendar.ics")
    page = '<a href="/linked/">Event</a><a href="webcal://localhost/linked/calendar.ics">Subscribe</a>'

    assert rewritten(page, scope, crawl, base_url="https://archive.example.org/2024") == (
        '<a href="https://archive.example.org/2024/linked/">Event</a>'
        '<a href="webcal://archive.example.org/2024/linked/calendar.ics">Subscribe</a>'
    )


def test_a_card_linking_outside_the_archive_is_dropped_and_a_lone_link_keeps_its_text(scope):
    scope, _talk = scope
    crawl = crawl_of("/linked/day-1/kept/")
    page = (
        '<ul><li class="talk-card"><h3><a href="/linked/day-1/kept/">Kept</a></h3></li>'
        '<li class="talk-card"><h3><a href="/other/day/talk/">Other event</a></h3><p>x</p></li></ul>'
        '<p>See <a href="/admin/pages/3/">the admin</a>.</p>'
    )

    assert rewritten(page, scope, crawl, at="tags/t/index.html") == (
        '<ul><li class="talk-card"><h3><a href="../../linked/day-1/kept/index.html">Kept</a></h3></li></ul>'
        "<p>See the admin.</p>"
    )


def test_srcset_candidates_and_css_urls_are_rewritten(scope):
    scope, _talk = scope
    crawl = crawl_of("/media/images/a.width-400.png", "/media/images/a.width-800.png")
    crawl.resources["media:images/a.width-400.png"] = crawl.resources.pop("/media/images/a.width-400.png")
    crawl.resources["media:images/a.width-800.png"] = crawl.resources.pop("/media/images/a.width-800.png")
    page = (
        '<img src="/media/images/a.width-400.png" '
        'srcset="/media/images/a.width-400.png 1x, /media/images/a.width-800.png 2x">'
    )

    assert rewritten(page, scope, crawl, at="x/index.html") == (
        '<img src="../media/images/a.width-400.png" '
        'srcset="../media/images/a.width-400.png 1x, ../media/images/a.width-800.png 2x">'
    )
    assert html.rewrite_css('a{background:url("/static/img/x.svg")}', lambda url: "../img/x.svg") == (
        'a{background:url("../img/x.svg")}'
    )


def test_feeds_and_icons_a_page_declares_belong_to_the_archive_wherever_they_are(scope):
    scope, _talk = scope

    assert scope.belongs("/feeds/linked.xml", rel="alternate", type_="application/rss+xml")
    assert scope.belongs("/favicon.ico", rel="icon")
    assert not scope.belongs("/fr/linked/", rel="alternate", type_="")  # another language: a page
    assert not scope.belongs("/other-event/")
    assert not scope.belongs("/tags/not-on-this-event/")
    assert scope.belongs("/tags/kept-tag/")


def test_files_and_relative_links():
    assert file_for("/a/b/") == "a/b/index.html"
    assert file_for("/a/schedule.json") == "a/schedule.json"
    assert relative("a/b/index.html", "static/site.css") == "../../static/site.css"
    assert relative("index.html", "a/index.html") == "a/index.html"


def test_the_crawl_changes_no_setting_a_serving_process_shares_when_none_needs_changing(settings):
    """The admin builds in a thread of a serving process: an override there would apply to every request."""
    from conference.archive.exporter import reader_settings

    settings.DEBUG, settings.ALLOWED_HOSTS = False, ["notes.example.org", "localhost"]
    with reader_settings("localhost"):
        assert settings.ALLOWED_HOSTS == ["notes.example.org", "localhost"]

    settings.DEBUG, settings.ALLOWED_HOSTS = True, ["notes.example.org"]
    with reader_settings("localhost"):
        from django.conf import settings as live

        assert (live.DEBUG, live.ALLOWED_HOSTS) == (False, ["notes.example.org", "localhost"])
