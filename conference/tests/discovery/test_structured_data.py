"""JSON-LD: the Event of an event page, the Article about a talk's Event, BreadcrumbLists; safe in a script."""

import json

from bs4 import BeautifulSoup

from conference.structured_data import script_safe_json

# Google's guidance: an Event needs name, startDate and location (a Place with an address);
# an Article has no required property but recommends headline, image, datePublished, dateModified, author.
EVENT_REQUIRED = {"name", "startDate", "location"}
ARTICLE_RECOMMENDED = {"headline", "image", "datePublished", "dateModified", "author"}


def graph(client, url) -> list[dict]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def of_type(items, type_name):
    return [item for item in items if item["@type"] == type_name]


def test_an_event_page_is_an_event_with_its_talks_as_sub_events(client, tree):
    (event,) = of_type(graph(client, tree.event.url), "Event")
    assert EVENT_REQUIRED <= event.keys()
    assert event["startDate"] == "2024-05-14" and event["endDate"] == "2024-05-16"
    assert event["location"] == {"@type": "Place", "name": "Lyon, France", "address": "Lyon, France"}
    assert event["url"] == f"http://testserver{tree.event.url}"
    sub_events = {sub["name"]: sub["url"] for sub in event["subEvent"]}
    assert sub_events == {
        "Queries that explain themselves": f"http://testserver{tree.talk.url}",
        "A talk without a summary": f"http://testserver{tree.plain.url}",
    }  # neither the draft nor the private talk


def test_a_talk_page_is_an_article_about_the_talk_event(client, tree):
    items = graph(client, tree.talk.url)
    (article,) = of_type(items, "Article")
    assert ARTICLE_RECOMMENDED <= article.keys()
    assert article["headline"] == "Queries that explain themselves"
    assert article["inLanguage"] == tree.talk.language_code == "en"  # the event's default language
    assert article["author"]["name"] == "Conference Notes"
    assert article["datePublished"] <= article["dateModified"]
    about = article["about"]
    assert about["@type"] == "Event" and EVENT_REQUIRED <= about.keys()
    assert about["startDate"] == "2024-05-14T09:30:00+02:00" and about["endDate"] == "2024-05-14T10:15:00+02:00"
    assert about["location"]["name"] == "Hall A, Lyon, France"
    assert [p["name"] for p in about["performer"]] == ["Ada Lovelace", "Grace Hopper"]
    assert about["superEvent"]["name"] == "PyNotes 2024"
    assert about["superEvent"]["@id"] == f"http://testserver{tree.event.url}#event"


def test_the_notes_author_is_the_page_owner_when_they_have_a_name(client, tree, django_user_model):
    owner = django_user_model.objects.create(username="notetaker", first_name="Nia", last_name="Notes")
    tree.talk.owner = owner
    tree.talk.save(update_fields=["owner"])
    (article,) = of_type(graph(client, tree.talk.url), "Article")
    assert article["author"] == {"@type": "Person", "name": "Nia Notes"}


def test_a_recorded_talk_has_a_video_recorded_at_the_talk(client, tree):
    items = graph(client, tree.talk.url)
    (video,) = of_type(items, "VideoObject")
    (article,) = of_type(items, "Article")
    assert video["contentUrl"] == "https://video.example/watch/1"
    assert video["recordedAt"] == {"@id": article["about"]["@id"]}
    assert of_type(graph(client, tree.plain.url), "VideoObject") == []


def test_an_untimed_talk_starts_on_its_day(client, tree):
    (article,) = of_type(graph(client, tree.plain.url), "Article")
    assert article["about"]["startDate"] == "2024-05-14" and "endDate" not in article["about"]


def test_every_page_has_a_breadcrumb_list_of_its_trail(client, tree):
    (crumbs,) = of_type(graph(client, tree.talk.url), "BreadcrumbList")
    trail = [(item["position"], item["name"], item["item"]) for item in crumbs["itemListElement"]]
    assert trail == [
        (1, "Home", "http://testserver/"),
        (2, "PyNotes 2024", f"http://testserver{tree.event.url}"),
        (3, tree.day.title, f"http://testserver{tree.day.url}"),
        (4, "Queries that explain themselves", f"http://testserver{tree.talk.url}"),
    ]
    for url in ("/", "/speakers/", f"/speakers/{tree.ada.slug}/", "/tags/orm/", "/search/", tree.day.url):
        assert of_type(graph(client, url), "BreadcrumbList"), url


def test_text_that_would_end_the_script_element_is_escaped(client, tree):
    tree.talk.summary = "</script><script>alert(1)</script> & <!-- more"
    tree.talk.save_revision().publish()
    html = client.get(tree.talk.url).content.decode()
    assert "</script><script>alert(1)" not in html
    (article,) = of_type(graph(client, tree.talk.url), "Article")
    assert article["description"] == "</script><script>alert(1)</script> & <!-- more"
    assert "<" not in script_safe_json({"a": "</script>"})


def test_naming_the_notes_author_costs_no_query(client, tree, django_user_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(tree.talk.url)
    with CaptureQueriesContext(connection) as anonymous:
        client.get(tree.talk.url)
    tree.talk.owner = django_user_model.objects.create(username="notetaker", first_name="Nia")
    tree.talk.save(update_fields=["owner"])
    client.get(tree.talk.url)
    with CaptureQueriesContext(connection) as named:
        assert b'"name":"Nia"' in client.get(tree.talk.url).content
    assert len(named) == len(anonymous)
