"""The home page: the root of the public site, listing published events newest first."""

import datetime

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from conference.factories import home_page, make_event
from conference.models import EventPage
from conference.tests.helpers import soup, text
from home.models import HomePage


class HomePageTreeTests(WagtailPageTestCase):
    def test_it_sits_at_the_tree_root_and_holds_events_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {EventPage})
        self.assertCanCreateAt(Page, HomePage)

    def test_there_is_exactly_one_and_no_second_can_be_created(self):
        root = Page.get_first_root_node()

        self.assertEqual(HomePage.objects.count(), 1)
        self.assertFalse(HomePage.can_create_at(root))

    def test_it_is_the_default_sites_root(self):
        site = Site.objects.get(is_default_site=True)

        self.assertIsInstance(site.root_page.specific, HomePage)
        self.assertEqual(site.root_page.title, "Conference Notes")


def event_titles(client):
    return [text(a) for a in soup(client.get("/")).select(".event-list .event-card h3 a")]


def test_lists_published_events_newest_first(client, db):
    make_event("PyCon 2022", start_date=datetime.date(2022, 4, 27))
    make_event("DjangoCon 2024", start_date=datetime.date(2024, 9, 22))
    make_event("DjangoCon 2023", start_date=datetime.date(2023, 10, 16))

    assert event_titles(client) == ["DjangoCon 2024", "DjangoCon 2023", "PyCon 2022"]


def test_draft_and_unpublished_events_are_not_listed(client, db):
    make_event("Published Conf")
    make_event("Draft Conf", live=False)
    make_event("Withdrawn Conf").unpublish()

    assert event_titles(client) == ["Published Conf"]


def test_an_event_card_links_to_the_event_and_gives_its_dates_and_place(client, db):
    event = make_event(
        "DjangoCon Test",
        start_date=datetime.date(2023, 10, 16),
        end_date=datetime.date(2023, 10, 20),
        location="Durham, NC",
    )

    card = soup(client.get("/")).select_one(".event-card")

    assert card.a["href"] == event.url
    assert text(card.p) == "16 October 2023 to 20 October 2023 · Durham, NC"
    assert [time["datetime"] for time in card.select("time")] == ["2023-10-16", "2023-10-20"]


def test_with_no_events_it_says_so(client, db):
    document = soup(client.get("/"))

    assert text(document.h1) == home_page().title
    assert [text(li) for li in document.select(".event-list li")] == ["No events have been published yet."]
