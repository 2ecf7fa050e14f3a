"""The read API (/api/v2/): events, days, talks with their blocks, and speakers; only live public pages."""

import pytest

HIDDEN = {"Secret draft talk", "Private talk"}


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    return response.json()


def titles(data):
    return {item["title"] for item in data["items"]}


def test_talks_come_with_blocks_speakers_times_room_and_links(client, tree):
    data = get(client, "/api/v2/pages/?type=conference.TalkPage&fields=body,speakers,schedule,room,links,tags,summary")
    assert titles(data) == {"Queries that explain themselves", "A talk without a summary"}
    talk = next(item for item in data["items"] if item["id"] == tree.talk.pk)
    assert talk["body"][0]["type"] == "paragraph" and "EXPLAIN" in talk["body"][0]["value"]
    assert talk["body"][0]["id"]
    assert [s["name"] for s in talk["speakers"]] == ["Ada Lovelace", "Grace Hopper"]
    assert talk["speakers"][0]["url"] == f"http://testserver/speakers/{tree.ada.slug}/"
    assert talk["schedule"] == {
        "start": "2024-05-14T09:30:00+02:00",
        "end": "2024-05-14T10:15:00+02:00",
        "time_zone": "Europe/Paris",
    }
    assert talk["room"] == "Hall A" and talk["tags"] == ["orm"]
    assert talk["links"] == [{"kind": "recording", "title": "Recording", "url": "https://video.example/watch/1"}]


def test_events_and_days_carry_their_dates_and_place(client, tree):
    (event,) = get(client, "/api/v2/pages/?type=conference.EventPage&fields=start_date,end_date,location")["items"]
    assert (event["start_date"], event["end_date"], event["location"]) == ("2024-05-14", "2024-05-16", "Lyon, France")
    (day,) = get(client, f"/api/v2/pages/?type=conference.DayPage&child_of={tree.event.pk}&fields=date")["items"]
    assert day["date"] == "2024-05-14"


@pytest.mark.parametrize(
    "query",
    [
        "/api/v2/pages/?limit=100",
        "/api/v2/pages/?type=conference.TalkPage",
        "/api/v2/pages/?type=conference.TalkPage,conference.DayPage",
        "/api/v2/pages/?search=talk",
        "/api/v2/pages/?descendant_of={event}",
        "/api/v2/pages/?child_of={day}",
    ],
)
def test_drafts_and_private_pages_never_appear_in_listings(client, tree, query):
    data = get(client, query.format(event=tree.event.pk, day=tree.day.pk))
    assert data["items"] and not HIDDEN & titles(data)


def test_drafts_and_private_pages_have_no_detail(client, tree):
    assert get(client, f"/api/v2/pages/{tree.talk.pk}/")["title"] == "Queries that explain themselves"
    for page in (tree.draft, tree.private):
        get(client, f"/api/v2/pages/{page.pk}/", status=404)
        get(client, f"/api/v2/pages/find/?html_path={page.url_path.split('/', 2)[2]}", status=404)


def test_the_children_of_a_private_page_are_private_too(client, tree):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=tree.day, restriction_type=PageViewRestriction.LOGIN)
    assert titles(get(client, "/api/v2/pages/?type=conference.TalkPage")) == set()
    get(client, f"/api/v2/pages/{tree.talk.pk}/", status=404)


def test_speakers_are_those_of_public_talks(client, tree):
    from conference.factories import make_speaker, make_talk

    only_in_draft = make_speaker("Drafted Only")
    make_talk(tree.day, "Another draft", speakers=[only_in_draft], live=False)
    data = get(client, "/api/v2/speakers/")
    assert {item["name"] for item in data["items"]} == {"Ada Lovelace", "Grace Hopper"}
    detail = get(client, f"/api/v2/speakers/{tree.ada.pk}/")
    assert detail["slug"] == tree.ada.slug and detail["url"] == f"http://testserver/speakers/{tree.ada.slug}/"
    get(client, f"/api/v2/speakers/{only_in_draft.pk}/", status=404)


def test_the_api_is_read_only(client, tree):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v2/pages/{tree.talk.pk}/").status_code == 405


def test_the_demo_talks_come_with_their_blocks(client, demo):
    data = get(client, "/api/v2/pages/?type=conference.TalkPage&fields=body&limit=50")
    assert data["meta"]["total_count"] == 29 and len(data["items"]) == 29
    block_types = {block["type"] for item in data["items"] for block in item["body"]}
    assert {"paragraph", "quote", "list", "code", "table", "image"} <= block_types
