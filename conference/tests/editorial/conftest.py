"""A small two-event site with editors, a moderator and the review workflow, for the editorial tests."""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from conference.editors import MODERATORS, set_up_event_editing
from conference.models import DayPage, EventPage, TalkPage
from home.models import HomePage

PASSWORD = "correct horse battery staple"

TALK_BODY = [
    {"type": "heading", "value": {"level": "h2", "text": "Why it matters"}},
    {"type": "paragraph", "value": "<p>Tests are <b>documentation</b>.</p>"},
    {
        "type": "quote",
        "value": {"text": "Write the test first.", "attribution": "Someone", "speaker": None, "source_url": ""},
    },
]


@dataclass
class EventTree:
    event: EventPage
    day: DayPage
    talk: TalkPage


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_event(title: str, slug: str, start: datetime.date) -> EventTree:
    home = HomePage.objects.get()
    event = home.add_child(
        instance=EventPage(title=title, slug=slug, start_date=start, end_date=start, location="Durham, NC")
    )
    publish(event)
    day = event.add_child(instance=DayPage(title="Day 1", slug="day-1", date=start))
    publish(day)
    talk = day.add_child(instance=TalkPage(title=f"Opening of {title}", slug="opening", body=TALK_BODY))
    publish(talk)
    return EventTree(event=event, day=day, talk=talk)


@pytest.fixture
def event_a(db):
    return build_event("PyCon A", "pycon-a", datetime.date(2024, 5, 1))


@pytest.fixture
def event_b(db):
    return build_event("DjangoCon B", "djangocon-b", datetime.date(2024, 10, 1))


@pytest.fixture
def make_user(django_user_model):
    def make(username, *groups):
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, email=f"{username}@example.org"
        )
        user.groups.set(groups)
        return user

    return make


@pytest.fixture
def editors_a(event_a, event_b):
    """Editing set up on both events; returns the group of event A's editors."""
    set_up_event_editing(event_b.event)
    group, _ = set_up_event_editing(event_a.event)
    return group


@pytest.fixture
def editor_a(editors_a, make_user):
    return make_user("ada", editors_a)


@pytest.fixture
def moderator(editors_a, make_user):
    return make_user("mo", Group.objects.get(name=MODERATORS))
