"""The public accessibility statement: what it promises, and that every page links to it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from home.checks import accessibility_contact_check

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_statement_names_the_standard_the_testing_the_limitations_and_how_to_report(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@notes.example"

    soup = soup_of(client.get("/accessibility/"))

    assert soup.h1.get_text() == "Accessibility statement"
    assert [h2.get_text() for h2 in soup.find_all("h2")] == [
        "The standard we aim for",
        "What we test, and how",
        "Known limitations",
        "Reporting a problem",
        "About this statement",
    ]
    text = soup.main.get_text(" ", strip=True)
    assert "(WCAG) 2.2 at level AA" in text
    assert "wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa, best-practice" in text
    assert "1280 pixels" in text and "375 pixels" in text
    mail = soup.find("a", href=lambda href: href and href.startswith("mailto:"))
    assert mail.get_text() == "access@notes.example"
    assert mail["href"].startswith("mailto:access@notes.example?subject=Accessibility%20problem")


def test_without_a_contact_address_the_statement_still_says_how_to_report(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""

    soup = soup_of(client.get(reverse("accessibility_statement")))

    assert soup.find("a", href=lambda href: href and href.startswith("mailto:")) is None
    assert "Contact the people who run this site" in soup.main.get_text()


@pytest.mark.parametrize("path", ["/", "/speakers/", "/search/?q=alt", "/accessibility/", "/no-such-page/"])
def test_every_page_links_to_the_statement_from_its_footer(client, talk, path):
    response = client.get(path)

    links = BeautifulSoup(response.content, "html.parser").select("footer a")
    assert "/accessibility/" in [link["href"] for link in links]
    assert next(link for link in links if link["href"] == "/accessibility/").get_text() == "Accessibility statement"


def test_a_live_site_without_a_contact_address_is_warned_about(settings):
    settings.DEBUG = False
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    (warning,) = accessibility_contact_check(None)
    assert warning.id == "home.W001"

    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@notes.example"
    assert accessibility_contact_check(None) == []
