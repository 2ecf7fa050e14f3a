"""Where each page type may be created: Home → Event → Day → Talk, and nowhere else."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from conference.models import DayPage, EventPage, TalkPage
from home.models import HomePage

PAGE_TYPES = (Page, HomePage, EventPage, DayPage, TalkPage)
ALLOWED_EDGES = {(HomePage, EventPage), (EventPage, DayPage), (DayPage, TalkPage)}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_an_event_goes_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, EventPage)

    def test_a_day_goes_under_an_event(self):
        self.assertCanCreateAt(EventPage, DayPage)

    def test_a_talk_goes_under_a_day(self):
        self.assertCanCreateAt(DayPage, TalkPage)

    def test_a_day_cannot_go_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, DayPage)

    def test_a_talk_cannot_go_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, TalkPage)

    def test_a_talk_cannot_skip_the_day(self):
        self.assertCanNotCreateAt(EventPage, TalkPage)

    def test_an_event_cannot_go_under_a_day_or_another_event(self):
        self.assertCanNotCreateAt(DayPage, EventPage)
        self.assertCanNotCreateAt(EventPage, EventPage)

    def test_a_day_cannot_go_under_another_day(self):
        self.assertCanNotCreateAt(DayPage, DayPage)

    def test_a_talk_holds_no_pages(self):
        for child in PAGE_TYPES:
            with self.subTest(child=child.__name__):
                self.assertCanNotCreateAt(TalkPage, child)

    def test_conference_pages_cannot_go_at_the_tree_root(self):
        for child in (EventPage, DayPage, TalkPage):
            with self.subTest(child=child.__name__):
                self.assertCanNotCreateAt(Page, child)

    def test_every_other_edge_is_refused(self):
        for parent in PAGE_TYPES[1:]:
            for child in PAGE_TYPES[1:]:
                if (parent, child) in ALLOWED_EDGES:
                    continue
                with self.subTest(parent=parent.__name__, child=child.__name__):
                    self.assertCanNotCreateAt(parent, child)

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(HomePage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, {DayPage})
        self.assertAllowedSubpageTypes(DayPage, {TalkPage})
        self.assertAllowedSubpageTypes(TalkPage, set())

    def test_allowed_parent_page_types(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(EventPage, {HomePage})
        self.assertAllowedParentPageTypes(DayPage, {EventPage})
        self.assertAllowedParentPageTypes(TalkPage, {DayPage})
