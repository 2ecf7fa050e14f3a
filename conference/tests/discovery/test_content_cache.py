"""What is cached of a page beyond the page cache (stack.content_cache, conference.seo, talk_cards):
a page's head, a day's talks (timetable or list) and the request's Site under the content generation, a
day's timetable under what it shows. Each is shown afresh as soon as what it shows changes, on
this server or another, is never read or written by a preview, and a restricted page's head is
never cached."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction, Site

from conference.factories import make_talk
from conference.models import TalkPage
from conference.tests.editorial.admin_forms import page_form_data
from stack.page_cache import bump_generation

from .test_head import head, meta


def json_ld(soup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def article(soup) -> dict:
    return next(item for item in json_ld(soup)["@graph"] if item["@type"] == "Article")


def test_an_edited_and_published_talk_shows_its_new_head_at_once(client, tree, django_capture_on_commit_callbacks):
    before = head(client, tree.talk.url)
    assert article(before)["headline"] == "Queries that explain themselves"
    head(client, tree.talk.url)  # now from the cache

    with django_capture_on_commit_callbacks(execute=True):
        tree.talk.title = "Plans that explain themselves"
        tree.talk.summary = "How to read a plan."
        tree.talk.save_revision().publish()

    after = head(client, tree.talk.url)
    assert after.title.string == "Plans that explain themselves · Conference Notes"
    assert meta(after, "description") == "How to read a plan."
    assert meta(after, "og:title").startswith("Plans that explain themselves")
    assert article(after)["headline"] == "Plans that explain themselves"


def test_a_renamed_speaker_is_named_at_once_in_the_talks_structured_data(client, tree):
    head(client, tree.talk.url)
    tree.ada.name = "Augusta Ada King"
    tree.ada.save()

    performers = [person["name"] for person in article(head(client, tree.talk.url))["about"]["performer"]]
    assert performers == ["Augusta Ada King", "Grace Hopper"]


def test_a_change_committed_by_another_server_is_shown_once_it_bumps_the_shared_generation(client, tree):
    assert meta(head(client, tree.talk.url), "description") == "How to read a query plan."
    # Another server's change: this process sees no signal, only the rows and the shared generation.
    TalkPage.objects.filter(pk=tree.talk.pk).update(summary="Changed on another server.")
    assert meta(head(client, tree.talk.url), "description") == "How to read a query plan."  # cached

    bump_generation()  # what the other server does once its transaction commits

    assert meta(head(client, tree.talk.url), "description") == "Changed on another server."


def test_a_restricted_talks_head_is_never_cached(client, tree, admin_user):
    talk = tree.plain
    PageViewRestriction.objects.create(page=talk, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(admin_user)
    assert meta(head(client, talk.url), "description") == "The notes begin here."

    # No signal, no new generation: only a head built afresh can show it.
    TalkPage.objects.filter(pk=talk.pk).update(search_description="Changed without a signal.")

    assert meta(head(client, talk.url), "description") == "Changed without a signal."


def test_a_preview_shows_the_draft_and_leaves_the_public_head_alone(client, tree, admin_user):
    talk = tree.talk
    client.force_login(admin_user)
    assert head(client, talk.url).title.string == "Queries that explain themselves · Conference Notes"

    form = client.get(reverse("wagtailadmin_pages:edit", args=[talk.pk])).content.decode()
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[talk.pk])
    posted = client.post(preview_url, page_form_data(form, title="Previewed title", summary="A previewed summary."))
    assert json.loads(posted.content)["is_valid"]
    preview = BeautifulSoup(client.get(preview_url).content, "html.parser").head

    assert preview.title.string == "Previewed title · Conference Notes"
    assert meta(preview, "description") == "A previewed summary."
    public = head(client, talk.url)
    assert public.title.string == "Queries that explain themselves · Conference Notes"
    assert meta(public, "description") == "How to read a query plan."


def test_a_talk_page_reads_neither_the_site_nor_the_home_page_once_they_are_cached(client, tree):
    client.get(tree.talk.url)
    counts = []
    bump_generation()
    for _ in ("cold", "warm"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(tree.talk.url).status_code == 200
        counts.append([query["sql"] for query in queries.captured_queries])
    cold, warm = counts

    assert any("wagtailcore_site" in sql for sql in cold)
    assert not any("wagtailcore_site" in sql or "home_homepage" in sql for sql in warm)
    assert len(warm) <= len(cold) - 2


def test_a_site_that_no_longer_answers_for_the_host_is_seen_at_once(client, tree):
    assert client.get(tree.talk.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.is_default_site = "elsewhere.example", False
    site.save()

    assert client.get(tree.talk.url).status_code == 404


def timetable(client, day):
    soup = BeautifulSoup(client.get(day.url).content, "html.parser")
    rows = [row.th.get_text(strip=True) for row in soup.select("table.timetable tbody tr")]
    return rows, soup.select_one("ol.timetable-list").get_text(" ", strip=True)


def test_a_day_shows_a_newly_published_talk_and_a_renamed_speaker_at_once(client, tree):
    assert "A second talk" not in timetable(client, tree.day)[1]
    make_talk(tree.day, "A second talk", speakers=[tree.ada], start_time=datetime.time(11, 0))
    rows, listed = timetable(client, tree.day)
    assert "11:00" in rows and "A second talk" in listed

    tree.ada.name = "Augusta Ada King"
    tree.ada.save()
    assert "Augusta Ada King" in timetable(client, tree.day)[1]


@pytest.mark.parametrize("change", ["title", "start_time"])
def test_a_days_timetable_shows_a_talks_change_committed_by_another_server(client, tree, change):
    other = make_talk(tree.day, "A second talk", start_time=datetime.time(11, 0), end_time=datetime.time(11, 30))
    assert "A second talk" in timetable(client, tree.day)[1]
    if change == "title":
        TalkPage.objects.filter(pk=other.pk).update(title="A renamed talk")
    else:
        TalkPage.objects.filter(pk=other.pk).update(start_time=datetime.time(14, 0), end_time=datetime.time(14, 30))
    bump_generation()  # what the other server does once its transaction commits

    rows, listed = timetable(client, tree.day)
    if change == "title":
        assert "A renamed talk" in listed and "A second talk" not in listed
    else:
        assert "14:00" in rows and "11:00" not in rows
