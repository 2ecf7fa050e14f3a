"""Every public page has the same accessible skeleton: one h1, one main landmark, a language, a skip link."""

import pytest

from conference.models import DayPage, EventPage, Speaker, TalkPage
from conference.tests.helpers import first_focusable, soup, text


def layout_problems(response, status=200):
    """What a reader of `response` would miss; an empty list when the page is sound."""
    problems = []
    if response.status_code != status:
        return [f"status {response.status_code}"]
    document = soup(response)
    if not document.html.get("lang"):
        problems.append("no lang on <html>")
    if len(document.find_all("h1")) != 1:
        problems.append(f"{len(document.find_all('h1'))} h1 elements")
    mains = document.find_all("main") + document.find_all(attrs={"role": "main"})
    if len(mains) != 1:
        problems.append(f"{len(mains)} main landmarks")
    elif mains[0].get("id") != "main":
        problems.append("the main landmark is not #main")
    first = first_focusable(document)
    if first.name != "a" or first.get("href") != "#main":
        problems.append(f"first focusable element is {first}")
    return problems


@pytest.fixture
def demo_urls(demo):
    event = EventPage.objects.get()
    urls = ["/", event.url]
    urls += [day.url for day in DayPage.objects.live().order_by("path")]
    urls += [talk.url for talk in TalkPage.objects.live().order_by("path")]
    urls += ["/speakers/"] + [speaker.get_absolute_url() for speaker in Speaker.objects.all()]
    urls += ["/search/?q=testing", "/search/"]
    return urls


def test_every_demo_page_has_the_accessible_skeleton(client, demo_urls):
    assert len(demo_urls) == 2 + 3 + 29 + 1 + 5 + 2

    problems = {url: layout_problems(client.get(url)) for url in demo_urls}

    assert {url: found for url, found in problems.items() if found} == {}


def test_the_skip_link_targets_the_main_landmark(client, demo):
    document = soup(client.get("/"))

    skip = first_focusable(document)
    assert text(skip) == "Skip to main content"
    assert document.find(id="main").name == "main"


def test_a_missing_page_answers_404_in_the_site_layout(client, db):
    response = client.get("/no-such-page/")

    assert layout_problems(response, status=404) == []
    document = soup(response)
    assert text(document.h1) == "Page not found"
    assert document.select_one("header.site-header a.site-name")["href"] == "/"
    assert document.select_one("footer.site-footer") is not None
    assert document.find("a", string="Search the talks")["href"] == "/search/"


def test_an_unknown_speaker_answers_404_in_the_site_layout(client, db):
    response = client.get("/speakers/nobody/")

    assert layout_problems(response, status=404) == []
    assert text(soup(response).h1) == "Page not found"


class TestTalkNavigation:
    def talks_of_day_1(self):
        return list(TalkPage.objects.child_of(DayPage.objects.get(slug="day-1")).order_by("path"))

    def test_breadcrumbs_lead_from_home_through_the_event_and_day(self, client, demo):
        talk = self.talks_of_day_1()[4]

        crumbs = soup(client.get(talk.url)).select("nav[aria-label=Breadcrumb] li a")

        assert [text(a) for a in crumbs] == ["Home", "DjangoCon US 2023", "Day 1", talk.title]
        assert [a["href"] for a in crumbs] == ["/", "/djangocon-us-2023/", "/djangocon-us-2023/day-1/", talk.url]
        assert [a.get("aria-current") for a in crumbs] == [None, None, None, "page"]

    def test_the_first_talk_of_a_day_links_only_to_the_next(self, client, demo):
        first, second = self.talks_of_day_1()[:2]

        pager = soup(client.get(first.url)).select_one("nav.talk-pager")

        assert pager.find("a", rel="prev") is None
        assert pager.find("a", rel="next")["href"] == second.url
        assert text(pager.find("a", rel="next")) == f"Next talk {second.title}"

    def test_a_middle_talk_links_to_both_neighbours(self, client, demo):
        before, talk, after = self.talks_of_day_1()[3:6]

        pager = soup(client.get(talk.url)).select_one("nav.talk-pager")

        assert pager.find("a", rel="prev")["href"] == before.url
        assert pager.find("a", rel="next")["href"] == after.url

    def test_the_last_talk_of_a_day_links_only_to_the_previous(self, client, demo):
        *_, before, last = self.talks_of_day_1()

        pager = soup(client.get(last.url)).select_one("nav.talk-pager")

        assert last.title == "✨ Modern editing experience for your Django models with Wagtail 🐦"
        assert pager.find("a", rel="next") is None
        assert pager.find("a", rel="prev")["href"] == before.url

    def test_neighbours_stay_within_the_day(self, client, demo):
        last_of_day_1 = self.talks_of_day_1()[-1]
        first_of_day_2 = TalkPage.objects.child_of(DayPage.objects.get(slug="day-2")).order_by("path").first()

        links = [a["href"] for a in soup(client.get(last_of_day_1.url)).select("nav.talk-pager a")]

        assert first_of_day_2.url not in links
