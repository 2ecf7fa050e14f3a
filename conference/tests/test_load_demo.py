"""`manage.py load_demo` builds the DjangoCon US 2023 notes from Markdown; a second run changes nothing.

Demo pages edited in the admin since they were loaded are kept as they are (and reported);
`--force` puts the notes' content back, the edits staying in the page's revision history.
"""

import datetime
from collections import Counter
from io import StringIO

from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from conference.management.commands.load_demo import DEFAULT_FILE
from conference.models import DayPage, EventPage, LightningTalk, Speaker, TalkPage

from .helpers import soup, text

WELCOME_QUOTE = "I am going to say some words here I don’t fully understand"
PGHISTORY_CODE = (
    "import pghistory\n\n\n@pghistory.track()\nclass TrackedModel(models.Model):\n"
    "    int_field = models.IntegerField()\n    text_field = models.TextField()\n"
)


def talk(slug):
    return TalkPage.objects.get(slug=slug)


def blocks_of(page, block_type):
    return [child.value for child in page.body if child.block_type == block_type]


def run_load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def summary(output):
    """The command's last line: what it did to the demo's 33 pages."""
    return output.strip().splitlines()[-1]


def demo_notes_with(tmp_path, old, new):
    """A copy of the demo notes with one change (the images are drawn by load_demo wherever the file is)."""
    notes = DEFAULT_FILE.read_text(encoding="utf-8")
    assert notes.count(old) == 1, f"{old!r} is not in the demo notes exactly once"
    path = tmp_path / "demo.md"
    path.write_text(notes.replace(old, new), encoding="utf-8")
    return path


class TestTree:
    def test_one_event_with_its_dates_place_and_logo(self, demo, client):
        event = EventPage.objects.get()

        assert (event.title, event.slug) == ("DjangoCon US 2023", "djangocon-us-2023")
        assert (event.start_date, event.end_date) == (datetime.date(2023, 10, 16), datetime.date(2023, 10, 20))
        assert event.location == "Durham, North Carolina, USA"
        assert event.website == "https://2023.djangocon.us/"
        logo = soup(client.get(event.url)).select_one("img.event-logo")
        assert logo["alt"] == "DjangoCon US 2023, Durham, NC"

    def test_three_days_in_order_holding_11_9_and_9_talks(self, demo):
        event = EventPage.objects.get()
        days = list(event.get_days())

        assert [(day.label, day.date) for day in days] == [
            ("Day 1", datetime.date(2023, 10, 16)),
            ("Day 2", datetime.date(2023, 10, 17)),
            ("Day 3", datetime.date(2023, 10, 18)),
        ]
        assert [TalkPage.objects.child_of(day).count() for day in days] == [11, 9, 9]
        assert TalkPage.objects.descendant_of(event).count() == 29

    def test_talk_kinds(self, demo):
        assert set(TalkPage.objects.values_list("kind", flat=True)) == {"keynote", "lightning", "panel", "talk"}
        assert TalkPage.objects.of_kind("talk").count() == 24
        assert TalkPage.objects.of_kind("lightning").count() == 3
        assert list(TalkPage.objects.of_kind("keynote").values_list("title", flat=True)) == [
            "Testing Modern Web Apps Like a Champion"
        ]
        assert list(TalkPage.objects.of_kind("panel").values_list("slug", flat=True)) == [
            "who-put-me-in-charge-moving-beyond-day-to-day-coding-in-django"
        ]

    def test_seven_lightning_talks_in_three_sessions(self, demo):
        sessions = {
            session.title: [lt.title for lt in session.lightning_talks.order_by("sort_order")]
            for session in TalkPage.objects.of_kind("lightning")
        }

        assert sessions == {
            "Lightning Talks - Day 1": ["April 8, 2024 Total Solar Eclipse", "Django Stickers! 🦄"],
            "Lightning Talks - Day 2": ["BUILDING THINGS WHEN YOU HAVE A CLUTTERED MIND"],
            "Lightning Talks - Day 3": [
                "Starting a business in 5 minutes",
                "Strategies for a long running side projects",
                "How to get into dev mentorship",
                "Humility: An unexpected treatment for imposter syndrome",
            ],
        }
        assert LightningTalk.objects.count() == 7

    def test_five_speakers_on_the_panel_in_order(self, demo):
        panel = talk("who-put-me-in-charge-moving-beyond-day-to-day-coding-in-django")

        assert Speaker.objects.count() == 5
        assert [s.slug for s in panel.speakers] == ["julia", "elizabeth", "charles", "andrew", "jay"]

    def test_speakers_and_lightning_talks_are_numbered_in_the_notes_order(self, demo):
        panel = talk("who-put-me-in-charge-moving-beyond-day-to-day-coding-in-django")
        session = talk("lightning-talks-day-1")

        assert list(panel.talk_speakers.order_by("pk").values_list("speaker__slug", "sort_order")) == [
            ("julia", 0),
            ("elizabeth", 1),
            ("charles", 2),
            ("andrew", 3),
            ("jay", 4),
        ]
        assert list(session.lightning_talks.order_by("pk").values_list("title", "sort_order")) == [
            ("April 8, 2024 Total Solar Eclipse", 0),
            ("Django Stickers! 🦄", 1),
        ]

    def test_a_lightning_talk_on_its_speakers_page_links_to_its_place_in_the_session(self, db, client, tmp_path):
        stickers = "### Lightning talk: Django Stickers! 🦄\n"
        path = demo_notes_with(tmp_path, stickers, stickers + "speaker: Julia\n")
        run_load_demo("--file", str(path))

        link = soup(client.get("/speakers/julia/")).find("a", string="Django Stickers! 🦄")
        url, anchor = link["href"].split("#")
        session = soup(client.get(url))

        assert url == talk("lightning-talks-day-1").url
        assert session.find(id=anchor) is not None, f"no element with id {anchor!r} on {url}"
        assert text(session.find(id=anchor).h3) == "Django Stickers! 🦄"

    def test_every_page_is_live_with_its_revision_published(self, demo):
        pages = Page.objects.descendant_of(EventPage.objects.get(), inclusive=True)

        assert pages.count() == 1 + 3 + 29
        for page in pages:
            assert page.live, page.title
            assert page.latest_revision_id is not None, page.title
            assert page.live_revision_id == page.latest_revision_id, page.title
            assert not page.has_unpublished_changes, page.title

    def test_three_images_the_logo_and_two_body_images(self, demo):
        images = get_image_model().objects.all()

        assert images.count() == 3
        figures = [value for page in TalkPage.objects.all() for value in blocks_of(page, "image")]
        assert len(figures) == 2
        assert all(figure["image"].contextual_alt_text for figure in figures)

    def test_the_output_lists_what_was_created_and_counts_the_pages(self, demo):
        assert "  created talk “Orientation and Welcome”\n" in demo
        assert "  created speaker Julia\n" in demo
        assert summary(demo) == (
            f"Demo loaded from {DEFAULT_FILE}: 33 created, 0 updated, 0 unchanged (new: 5 speakers, 3 images)."
        )


class TestBlocks:
    def test_the_talks_hold_every_kind_of_block(self, demo):
        blocks = Counter(child.block_type for page in TalkPage.objects.all() for child in page.body)

        assert blocks == {"list": 23, "quote": 12, "paragraph": 7, "heading": 3, "code": 2, "image": 2, "table": 1}

    def test_the_welcome_talk_quotes_lacey(self, demo, client):
        welcome = talk("orientation-and-welcome")
        [quote] = blocks_of(welcome, "quote")

        assert (quote["text"].source, quote["attribution"], quote["speaker"]) == (
            f"<p>{WELCOME_QUOTE}</p>",
            "@lacey",
            None,
        )
        figure = soup(client.get(welcome.url)).select_one("figure.block-quote")
        assert text(figure.blockquote) == WELCOME_QUOTE
        assert text(figure.figcaption) == "— @lacey"

    def test_the_pghistory_talk_shows_its_python_code(self, demo, client):
        pghistory = talk("using-database-triggers-to-reliably-track-model-history")
        [code] = blocks_of(pghistory, "code")

        assert (code["language"], code["code"]) == ("python", PGHISTORY_CODE)
        figure = soup(client.get(pghistory.url)).select_one("figure.code-block")
        assert figure.find("code")["data-language"] == "python"
        assert figure.find("code").get_text() == PGHISTORY_CODE
        assert text(figure.figcaption) == "Tracking a model’s history with django-pghistory (Python)"

    def test_the_keynote_compares_test_tools_in_a_table(self, demo, client):
        keynote = talk("testing-modern-web-apps-like-a-champion")
        [table] = blocks_of(keynote, "table")

        assert table.caption == "Web test automation tool comparison"
        assert [column["heading"] for column in table.columns] == ["Aspect", "Selenium", "Cypress", "Playwright"]
        rendered = soup(client.get(keynote.url)).select_one("table.block-table")
        assert text(rendered.caption) == "Web test automation tool comparison"
        assert [(text(th), th["scope"]) for th in rendered.thead.find_all("th")] == [
            ("Aspect", "col"),
            ("Selenium", "col"),
            ("Cypress", "col"),
            ("Playwright", "col"),
        ]
        rows = rendered.tbody.find_all("tr")
        assert len(rows) == 7
        assert [text(cell) for cell in rows[0].find_all(["th", "td"])] == [
            "Popularity",
            "Popular among testers",
            "Popular among developers",
            "So hot right now",
        ]
        assert rows[0].th["scope"] == "row"

    def test_hosting_and_devops_nests_its_list_four_levels_deep(self, demo, client):
        hosting = talk("hosting-and-devops-for-django")
        [outline] = blocks_of(hosting, "list")

        def sub_items(item):  # an item's sub-list is the list block under its text
            [sub_list] = [child.value for child in item["blocks"] if child.block_type == "list"]
            return sub_list["items"]

        level_2 = next(item for item in outline["items"] if item["text"].source == "<p>Hosting</p>")
        level_3 = next(
            item for item in sub_items(level_2) if item["text"].source == "<p>What about inbound traffic?</p>"
        )
        [level_4] = sub_items(level_3)

        assert level_4["text"].source == "<p>Load Balancers (ALB)</p>"
        assert (
            sub_items(level_4)[0]["text"].source
            == "<p>Allow multiple application servers without single point of failure</p>"
        )

        body = soup(client.get(hosting.url)).select_one(".talk-body")
        deepest = body.find(string=lambda s: s and "Allow multiple application servers" in s).find_parent("li")
        assert len(deepest.find_parents("ul")) == 4


class TestSecondRun:
    def test_a_second_run_writes_nothing(self, demo):
        before = (Revision.objects.count(), Page.objects.count(), get_image_model().objects.count())

        output = run_load_demo()

        assert (Revision.objects.count(), Page.objects.count(), get_image_model().objects.count()) == before
        assert Speaker.objects.count() == 5
        assert LightningTalk.objects.count() == 7
        assert output.strip() == f"Demo loaded from {DEFAULT_FILE}: 0 created, 0 updated, 33 unchanged."


class TestPagesEditedInTheAdmin:
    def test_a_second_run_keeps_a_published_edit_and_says_so(self, demo, client):
        welcome = talk("orientation-and-welcome")
        welcome.title = "Welcome!"
        welcome.save_revision().publish()
        revisions = Revision.objects.count()

        output = run_load_demo()

        assert talk("orientation-and-welcome").title == "Welcome!"
        assert text(soup(client.get(welcome.url)).h1) == "Welcome!"
        assert Revision.objects.count() == revisions
        assert "  kept talk “Orientation and Welcome”\n" in output
        assert summary(output).endswith(": 0 created, 0 updated, 32 unchanged, 1 kept as edited in the admin.")

    def test_force_puts_the_notes_back_over_a_published_edit(self, demo):
        welcome = talk("orientation-and-welcome")
        welcome.title = "Welcome!"
        edit = welcome.save_revision()
        edit.publish()
        revisions = Revision.objects.count()

        output = run_load_demo("--force")

        welcome = talk("orientation-and-welcome")
        assert welcome.title == "Orientation and Welcome"
        assert welcome.live_revision_id == welcome.latest_revision_id != edit.pk
        assert Revision.objects.count() == revisions + 1
        assert welcome.revisions.filter(pk=edit.pk).exists(), "the edit stays in the page's history"
        assert summary(output).endswith(": 0 created, 1 updated, 32 unchanged.")
        assert summary(run_load_demo()).endswith(": 0 created, 0 updated, 33 unchanged.")

    def test_a_second_run_keeps_an_editors_unpublished_draft(self, demo, client):
        welcome = talk("orientation-and-welcome")
        notes_summary = welcome.summary
        welcome.summary = "Draft summary an editor is still writing."
        draft = welcome.save_revision()

        output = run_load_demo()

        welcome = talk("orientation-and-welcome")
        assert welcome.latest_revision_id == draft.pk
        assert welcome.has_unpublished_changes
        assert welcome.get_latest_revision_as_object().summary == "Draft summary an editor is still writing."
        assert text(soup(client.get(welcome.url)).select_one(".talk-summary")) == notes_summary, "readers see no draft"
        assert summary(output).endswith(": 0 created, 0 updated, 32 unchanged, 1 kept as edited in the admin.")

    def test_force_replaces_a_draft_with_the_notes_keeping_the_draft_in_the_history(self, demo):
        welcome = talk("orientation-and-welcome")
        notes_summary = welcome.summary
        welcome.summary = "Draft summary an editor is still writing."
        draft = welcome.save_revision()

        output = run_load_demo("--force")

        welcome = talk("orientation-and-welcome")
        assert welcome.latest_revision_id != draft.pk
        assert not welcome.has_unpublished_changes
        assert welcome.get_latest_revision_as_object().summary == notes_summary
        assert welcome.revisions.filter(pk=draft.pk).exists(), "the draft stays in the page's history"
        assert summary(output).endswith(": 0 created, 1 updated, 32 unchanged.")

    def test_a_day_date_changed_in_the_admin_is_kept_and_force_restores_it(self, demo):
        day = DayPage.objects.get(slug="day-2")
        day.date = datetime.date(2023, 10, 19)
        day.save_revision().publish()

        kept = run_load_demo()

        assert DayPage.objects.get(slug="day-2").date == datetime.date(2023, 10, 19)
        assert "  kept day “Day 2”\n" in kept
        assert summary(kept).endswith(", 1 kept as edited in the admin.")

        forced = run_load_demo("--force")

        assert DayPage.objects.get(slug="day-2").date == datetime.date(2023, 10, 17)
        assert summary(forced).endswith(": 0 created, 1 updated, 32 unchanged.")
