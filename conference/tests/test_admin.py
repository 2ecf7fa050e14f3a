"""The Conference menu in the admin: Speakers and a cross-event Talks index (wagtail-modeladmin)."""

import pytest
from django.urls import reverse

from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.testing import per_module

from .helpers import soup, text

SPEAKERS = reverse("conference_speaker_modeladmin_index")
TALKS = reverse("conference_talkpage_modeladmin_index")

# The listings' query ceilings: the count is the same for few rows as for many, and at most this.
SPEAKER_INDEX_CEILING = 15
TALK_INDEX_CEILING = 17


def rows(response, *columns):
    """The listing's rows as tuples of the text in the given columns (td.field-<name>)."""
    assert response.status_code == 200
    table = soup(response).select_one("table.listing")
    return [
        tuple(
            text(row.select_one(f"td.field-{column} a") or row.select_one(f"td.field-{column}")) for column in columns
        )
        for row in (table.select("tbody tr") if table else [])
    ]


def build_tree():
    ada, bob = make_speaker("Ada"), make_speaker("Bob")
    pycon, djangocon = make_event("PyCon Testland"), make_event("DjangoCon Testland")
    pycon_day, django_day = make_day(pycon, title="Day 1"), make_day(djangocon, title="Day 1")
    make_day(djangocon, title="Day 2")
    return {
        "ada": ada,
        "bob": bob,
        "pycon": pycon,
        "djangocon": djangocon,
        "keynote": make_talk(pycon_day, "Opening keynote", kind="keynote", speakers=[ada]),
        "orm": make_talk(pycon_day, "ORM tricks", speakers=[ada, bob], summary="Subqueries everywhere."),
        "panel": make_talk(django_day, "Panel on testing", kind="panel", speakers=[bob]),
        "draft": make_talk(django_day, "Draft talk", live=False),
    }


_module_tree, tree = per_module(build_tree)


class TestSpeakers:
    def test_lists_speakers_with_their_talk_counts(self, admin_client, tree):
        make_speaker("Cleo")

        assert rows(admin_client.get(SPEAKERS), "name", "talks") == [("Ada", "2"), ("Bob", "2"), ("Cleo", "0")]

    def test_searching_by_name_filters_the_list(self, admin_client, tree):
        assert rows(admin_client.get(SPEAKERS, {"q": "bob"}), "name") == [("Bob",)]

    def test_filtering_by_event_lists_its_speakers(self, admin_client, tree):
        response = admin_client.get(SPEAKERS, {"event": tree["djangocon"].pk})

        assert rows(response, "name") == [("Bob",)]

    def test_a_speaker_links_to_their_edit_view_which_renders(self, admin_client, tree):
        link = soup(admin_client.get(SPEAKERS)).select_one("td.field-name a")

        assert link["href"] == reverse("conference_speaker_modeladmin_edit", args=(tree["ada"].pk,))
        assert admin_client.get(link["href"]).status_code == 200

    def test_the_query_count_does_not_grow_with_the_speakers(self, admin_client, tree, django_assert_max_num_queries):
        admin_client.get(SPEAKERS)

        with django_assert_max_num_queries(SPEAKER_INDEX_CEILING) as few:
            admin_client.get(SPEAKERS)

        for _ in range(28):
            make_speaker()
        with django_assert_max_num_queries(SPEAKER_INDEX_CEILING) as many:
            assert len(rows(admin_client.get(SPEAKERS), "name")) == 30

        assert len(few) == len(many), "the listing's queries grow with its rows"


class TestTalks:
    def test_lists_talks_with_their_event_day_kind_speakers_and_status(self, admin_client, tree):
        listed = rows(admin_client.get(TALKS), "title", "event_title", "day_title", "kind", "speaker_names", "status")

        assert listed == [
            ("Opening keynote", "PyCon Testland", "Day 1", "Keynote", "Ada", "Live"),
            ("ORM tricks", "PyCon Testland", "Day 1", "Talk", "Ada, Bob", "Live"),
            ("Panel on testing", "DjangoCon Testland", "Day 1", "Panel", "Bob", "Live"),
            ("Draft talk", "DjangoCon Testland", "Day 1", "Talk", "—", "Draft"),
        ]

    def test_filtering_by_event(self, admin_client, tree):
        response = admin_client.get(TALKS, {"event": tree["djangocon"].pk})

        assert rows(response, "title") == [("Panel on testing",), ("Draft talk",)]

    def test_the_event_filter_offers_each_event(self, admin_client, tree):
        filters = soup(admin_client.get(TALKS))

        assert filters.find("a", string="PyCon Testland")["href"] == f"?event={tree['pycon'].pk}"

    def test_filtering_by_kind(self, admin_client, tree):
        assert rows(admin_client.get(TALKS, {"kind": "keynote"}), "title") == [("Opening keynote",)]

    def test_the_kind_filter_link_lists_that_kind(self, admin_client, tree):
        link = soup(admin_client.get(TALKS)).find("a", string="Panel")

        assert rows(admin_client.get(TALKS + link["href"]), "title") == [("Panel on testing",)]

    def test_searching_by_title(self, admin_client, tree):
        assert rows(admin_client.get(TALKS, {"q": "ORM"}), "title") == [("ORM tricks",)]

    def test_searching_by_summary(self, admin_client, tree):
        assert rows(admin_client.get(TALKS, {"q": "subqueries"}), "title") == [("ORM tricks",)]

    def test_a_talk_links_to_its_page_editor(self, admin_client, tree):
        link = soup(admin_client.get(TALKS)).select_one("td.field-title a")

        assert link["href"].startswith(reverse("wagtailadmin_pages:edit", args=(tree["keynote"].pk,)))

    def test_the_query_count_does_not_grow_with_the_talks(self, admin_client, db, django_assert_max_num_queries):
        day = make_day(make_event())
        for _ in range(5):
            make_talk(day, speakers=[make_speaker(), make_speaker()], tags=["orm", "testing"])
        admin_client.get(TALKS)

        with django_assert_max_num_queries(TALK_INDEX_CEILING) as few:
            admin_client.get(TALKS)

        for _ in range(10):
            make_talk(day, speakers=[make_speaker(), make_speaker()], tags=["orm", "testing"])
        with django_assert_max_num_queries(TALK_INDEX_CEILING) as many:
            assert len(rows(admin_client.get(TALKS), "title")) == 15

        assert len(few) == len(many), "the listing's queries grow with its rows"


class TestAccess:
    @pytest.mark.parametrize("url", [SPEAKERS, TALKS])
    def test_anonymous_visitors_are_sent_to_the_login_page(self, client, db, url):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
