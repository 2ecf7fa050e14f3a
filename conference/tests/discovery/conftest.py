"""A small published tree with a draft talk and a private talk beside the public ones."""

import datetime
from types import SimpleNamespace

from wagtail.models import PageViewRestriction

from conference.factories import make_day, make_event, make_speaker, make_talk
from conference.models import TalkLink
from conference.testing import per_module


def build_tree():
    ada, grace = make_speaker("Ada Lovelace"), make_speaker("Grace Hopper")
    event = make_event("PyNotes 2024", location="Lyon, France", time_zone="Europe/Paris", website="https://py.example")
    day = make_day(event, datetime.date(2024, 5, 14))
    talk = make_talk(
        day,
        "Queries that explain themselves",
        speakers=[ada, grace],
        tags=["orm"],
        summary="How to read a query plan.",
        body=[("paragraph", "<p>First we looked at EXPLAIN.</p>")],
        start_time=datetime.time(9, 30),
        end_time=datetime.time(10, 15),
        room="Hall A",
    )
    TalkLink.objects.create(talk=talk, kind="recording", url="https://video.example/watch/1", sort_order=0)
    plain = make_talk(
        day, "A talk without a summary", body=[("paragraph", "<p>The notes begin here.</p>")], tags=["orm"]
    )
    draft = make_talk(day, "Secret draft talk", speakers=[ada], tags=["orm"], live=False)
    private = make_talk(day, "Private talk", speakers=[ada], tags=["orm"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return SimpleNamespace(
        event=event, day=day, talk=talk, plain=plain, draft=draft, private=private, ada=ada, grace=grace
    )


# Built once per test module, each test in a savepoint with its own copy (conference/testing.py).
_module_tree, tree = per_module(build_tree)
