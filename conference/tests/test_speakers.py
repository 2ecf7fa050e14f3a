"""Speakers: one page per person listing their live talks and lightning talks, and counts of them."""

import pytest
from wagtail.models import PageViewRestriction

from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.models import Speaker, TalkPage
from conference.testing import per_module

from .helpers import soup, text


def build_tree():
    """Ada gives two live talks, a draft, and two lightning talks (one in a draft session); Bob gives one talk."""
    event = make_event("PyCon Testland 2024")
    day = make_day(event, title="Day 1")
    ada, bob, cleo = make_speaker("Ada"), make_speaker("Bob"), make_speaker("Cleo")
    return {
        "event": event,
        "ada": ada,
        "bob": bob,
        "cleo": cleo,
        "engines": make_talk(day, "Analytical engines", speakers=[ada, bob]),
        "notes": make_talk(day, "Notes on notes", speakers=[ada]),
        "draft": make_talk(day, "Ada's unfinished draft", speakers=[ada, cleo], live=False),
        "lightning": make_talk(
            day,
            "Lightning Talks",
            kind="lightning",
            lightning_talks=[{"title": "Punch cards", "speaker": bob}, {"title": "Looms", "speaker": ada}],
        ),
        "draft_lightning": make_talk(
            day, "Draft lightning", kind="lightning", lightning_talks=[{"title": "Hidden", "speaker": ada}], live=False
        ),
    }


_module_tree, tree = per_module(build_tree)


def section_links(document, heading):
    """The talk links listed under the h2 `heading`."""
    section_heading = document.find("h2", string=heading)
    if section_heading is None:
        return []
    listing = section_heading.find_next_sibling()
    return listing.select(".talk-card__title a") if listing is not None and listing.name == "ul" else []


def section_titles(document, heading):
    return [text(a) for a in section_links(document, heading)]


class TestSpeakerPage:
    def test_lists_the_speakers_live_talks_and_lightning_talks(self, client, tree):
        response = client.get(f"/speakers/{tree['ada'].slug}/")
        document = soup(response)

        assert response.status_code == 200
        assert text(document.h1) == "Ada"
        assert sorted(section_titles(document, "Talks")) == ["Analytical engines", "Notes on notes"]
        assert section_titles(document, "Lightning talks") == ["Looms"]

    def test_drafts_are_not_listed(self, client, tree):
        page = text(soup(client.get(f"/speakers/{tree['ada'].slug}/")).main)

        assert "Ada's unfinished draft" not in page
        assert "Hidden" not in page

    def test_a_lightning_talk_links_to_its_place_in_the_session(self, client, tree):
        [link] = section_links(soup(client.get(f"/speakers/{tree['ada'].slug}/")), "Lightning talks")
        url, anchor = link["href"].split("#")

        session = soup(client.get(url))

        assert url == tree["lightning"].url
        assert text(session.find(id=anchor).h3) == "Looms"

    def test_a_talk_card_names_its_event_and_day(self, client, tree):
        document = soup(client.get(f"/speakers/{tree['bob'].slug}/"))

        card = document.find("a", string="Analytical engines").find_parent(class_="talk-card")
        assert "PyCon Testland 2024, Day 1" in text(card)

    def test_a_speaker_with_only_drafts_says_so(self, client, tree):
        document = soup(client.get(f"/speakers/{tree['cleo'].slug}/"))

        assert "No published talks yet." in text(document.main)
        assert "Ada's unfinished draft" not in text(document.main)

    def test_breadcrumbs_lead_from_home_through_the_speakers(self, client, tree):
        crumbs = soup(client.get(f"/speakers/{tree['ada'].slug}/")).select("nav[aria-label=Breadcrumb] li a")

        assert [(text(a), a["href"], a.get("aria-current")) for a in crumbs] == [
            ("Home", "/", None),
            ("Speakers", "/speakers/", None),
            ("Ada", f"/speakers/{tree['ada'].slug}/", "page"),
        ]

    def test_an_unknown_slug_is_404(self, client, tree):
        assert client.get("/speakers/nobody-at-all/").status_code == 404


class TestSpeakerIndex:
    def test_lists_speakers_with_live_talks_and_their_counts(self, client, tree):
        document = soup(client.get("/speakers/"))

        assert [text(li) for li in document.select("ul.speaker-list li")] == ["Ada (3 talks)", "Bob (2 talks)"]
        assert document.select_one("ul.speaker-list a")["href"] == f"/speakers/{tree['ada'].slug}/"

    def test_breadcrumbs_end_at_the_speakers(self, client, tree):
        crumbs = soup(client.get("/speakers/")).select("nav[aria-label=Breadcrumb] li a")

        assert [(text(a), a["href"], a.get("aria-current")) for a in crumbs] == [
            ("Home", "/", None),
            ("Speakers", "/speakers/", "page"),
        ]

    def test_a_talk_unpublished_later_stops_counting(self, client, tree):
        tree["notes"].unpublish()

        document = soup(client.get("/speakers/"))

        assert "Ada (2 talks)" in [text(li) for li in document.select("ul.speaker-list li")]


class TestIndexAndPageAgree:
    """The index's count of a speaker's talks is what their page lists: live, public talks only."""

    @pytest.fixture
    def dora(self, tree):
        dora = make_speaker("Dora")
        day = make_day(tree["event"], title="Day 2")
        make_talk(day, "Dora in public", speakers=[dora])
        make_talk(day, "Dora's draft", speakers=[dora], live=False)
        private = make_talk(day, "Dora behind a password", speakers=[dora])
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
        make_talk(
            day, "Private sessions", kind="lightning", lightning_talks=[{"title": "Dora's secret", "speaker": dora}]
        )
        PageViewRestriction.objects.create(
            page=TalkPage.objects.get(title="Private sessions"), restriction_type="password", password="secret"
        )
        make_talk(day, "Open sessions", kind="lightning", lightning_talks=[{"title": "Dora's open", "speaker": dora}])
        return dora

    @staticmethod
    def index_counts(client):
        document = soup(client.get("/speakers/"))
        return {text(li.a): text(li) for li in document.select("ul.speaker-list li")}

    @staticmethod
    def listed_on_page(client, speaker):
        document = soup(client.get(f"/speakers/{speaker.slug}/"))
        return section_titles(document, "Talks") + section_titles(document, "Lightning talks")

    def test_a_private_and_a_draft_talk_are_neither_counted_nor_listed(self, client, dora):
        listed = self.listed_on_page(client, dora)

        assert sorted(listed) == ["Dora in public", "Dora's open"]
        assert self.index_counts(client)["Dora"] == "Dora (2 talks)"

    def test_every_speakers_count_is_the_number_of_talks_their_page_lists(self, client, tree, dora):
        counts = self.index_counts(client)

        for speaker in Speaker.objects.public():
            n = len(self.listed_on_page(client, speaker))
            assert counts[speaker.name] == f"{speaker.name} ({n} talk{'s' if n != 1 else ''})"

    def test_a_speaker_with_only_private_talks_is_not_in_the_index(self, client, tree):
        erin = make_speaker("Erin")
        hidden = make_talk(make_day(tree["event"]), "Erin behind a password", speakers=[erin])
        PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="secret")

        assert "Erin" not in self.index_counts(client)
        assert self.listed_on_page(client, erin) == []
        assert Speaker.objects.with_talk_count().get(pk=erin.pk).talk_count == 0


class TestQuerySets:
    def test_with_talk_count_counts_live_talks_and_lightning_talks_in_live_sessions(self, tree):
        counts = dict(Speaker.objects.with_talk_count().values_list("name", "talk_count"))

        assert counts == {"Ada": 3, "Bob": 2, "Cleo": 0}

    def test_with_talk_count_counts_two_lightning_talks_in_one_session_twice(self, tree):
        day = make_day(tree["event"])
        make_talk(
            day,
            kind="lightning",
            lightning_talks=[{"title": "One", "speaker": tree["cleo"]}, {"title": "Two", "speaker": tree["cleo"]}],
        )

        assert Speaker.objects.with_talk_count().get(pk=tree["cleo"].pk).talk_count == 2

    def test_for_event_finds_speakers_of_talks_and_lightning_talks_of_that_event_only(self, tree):
        other_day = make_day(make_event("Other Conference"))
        dora = make_speaker("Dora")
        make_talk(other_day, speakers=[dora])
        make_talk(make_day(tree["event"]), kind="lightning", lightning_talks=[{"title": "Hi", "speaker": dora}])
        elena = make_speaker("Elena")
        make_talk(other_day, speakers=[elena])

        names = list(Speaker.objects.for_event(tree["event"]).values_list("name", flat=True))

        # The admin filters speakers with it, so speakers of drafts (Cleo) count.
        assert sorted(names) == ["Ada", "Bob", "Cleo", "Dora"]

    def test_for_speaker_finds_talks_and_lightning_sessions(self, tree):
        titles = TalkPage.objects.live().for_speaker(tree["ada"]).order_by("path").values_list("title", flat=True)

        assert list(titles) == ["Analytical engines", "Notes on notes", "Lightning Talks"]
