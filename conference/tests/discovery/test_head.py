"""The <head> of every public page: description, canonical address, sharing card, icons, discovery links."""

import pytest
from bs4 import BeautifulSoup

from conference.factories import home_page, stream


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, key):
    tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
    return tag and tag["content"]


def alternates(soup):
    return {(link["type"], link["href"]) for link in soup.find_all("link", rel="alternate")}


PUBLIC_URLS = ["/", "/speakers/", "/search/?q=query", "/tags/orm/", "/accessibility/"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_page_has_a_description_canonical_card_and_icons(client, tree, url):
    soup = head(client, url)
    assert meta(soup, "description")
    assert soup.find("link", rel="canonical")["href"] == "http://testserver" + url.split("?")[0]
    for key in ("og:title", "og:description", "og:url", "og:site_name", "og:image", "twitter:card", "twitter:image"):
        assert meta(soup, key), key
    assert meta(soup, "og:image").startswith("http://testserver/")
    assert soup.find("link", rel="icon") and soup.find("link", rel="apple-touch-icon")
    assert ("application/atom+xml", "/feed.atom") in alternates(soup)


def test_the_home_page_title_does_not_repeat_the_site_name(client, db):
    home = home_page()
    home.title = "Conference Notes"
    home.save_revision().publish()
    assert head(client, "/").title.string == "Conference Notes"


def test_other_titles_end_with_the_site_name(client, tree):
    assert head(client, tree.talk.url).title.string == "Queries that explain themselves · Conference Notes"
    assert head(client, "/speakers/").title.string == "Speakers · Conference Notes"


def test_a_talk_is_described_by_its_search_description_else_summary_else_its_first_paragraph(client, tree):
    assert meta(head(client, tree.talk.url), "description") == "How to read a query plan."
    assert meta(head(client, tree.plain.url), "description") == "The notes begin here."
    tree.talk.search_description = "What the editor wrote for search engines."
    tree.talk.save_revision().publish()
    assert meta(head(client, tree.talk.url), "description") == "What the editor wrote for search engines."


def test_an_event_without_intro_gets_a_sentence_made_from_its_facts(client, tree):
    description = meta(head(client, tree.event.url), "description")
    assert description == "Notes from the talks of PyNotes 2024, 14 May 2024 to 16 May 2024, Lyon, France."


def test_a_long_description_keeps_whole_sentences_under_160_characters(client, tree):
    tree.talk.summary = "A first sentence of the summary. " + "Then a much longer second sentence " * 6 + "."
    tree.talk.save_revision().publish()
    assert meta(head(client, tree.talk.url), "description") == "A first sentence of the summary."


def test_the_card_image_is_the_talks_first_image_else_the_site_card(client, tree):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    assert meta(head(client, tree.talk.url), "og:image") == "http://testserver/static/img/card.png"
    image = Image.objects.create(title="Query plan", file=get_test_image_file())
    tree.talk.body = stream(
        [
            ("paragraph", "<p>Text</p>"),
            ("image", {"image": {"image": image.pk, "alt_text": "A query plan tree", "decorative": False}}),
        ]
    )
    tree.talk.save_revision().publish()
    soup = head(client, tree.talk.url)
    assert "/media/images/" in meta(soup, "og:image") and ".fill-1200x630" in meta(soup, "og:image")
    assert meta(soup, "og:image:alt") == "A query plan tree"


def test_pages_link_their_feeds_and_calendars(client, tree):
    event_url = tree.event.url
    assert alternates(head(client, tree.talk.url)) >= {
        ("application/atom+xml", f"{event_url}feed.atom"),
        ("text/calendar", f"{tree.talk.url}calendar.ics"),
    }
    assert ("text/calendar", f"{event_url}calendar.ics") in alternates(head(client, event_url))
    speaker = alternates(head(client, f"/speakers/{tree.ada.slug}/"))
    assert speaker >= {
        ("application/atom+xml", f"/speakers/{tree.ada.slug}/feed.atom"),
        ("text/calendar", f"/speakers/{tree.ada.slug}/calendar.ics"),
    }
    assert ("application/atom+xml", "/tags/orm/feed.atom") in alternates(head(client, "/tags/orm/"))


def test_every_discovery_link_and_icon_answers(client, tree):
    soup = head(client, tree.talk.url)
    hrefs = [link["href"] for link in soup.find_all("link", rel="alternate")]
    for href in hrefs:
        assert client.get(href).status_code == 200, href
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon["Location"] == "/static/favicon.ico"
    from django.contrib.staticfiles import finders

    for name in ("favicon.ico", "img/icon.svg", "img/apple-touch-icon.png", "img/card.png"):
        assert finders.find(name), name


def test_a_route_below_a_page_is_its_own_canonical_address(client, tree):
    soup = head(client, f"{tree.event.url}talks/?kind=talk")
    assert soup.find("link", rel="canonical")["href"] == f"http://testserver{tree.event.url}talks/"
    assert meta(soup, "og:title") == "All talks · PyNotes 2024"
    assert soup.title.string == "All talks · PyNotes 2024 · Conference Notes"


def test_a_page_rendered_without_a_request_keeps_its_title(tree):
    from django.template.loader import render_to_string

    html = render_to_string("base.html", {"page": tree.talk})
    assert "<title>Queries that explain themselves · Conference Notes</title>" in html
    assert 'rel="canonical"' not in html
