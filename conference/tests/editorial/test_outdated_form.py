"""Saving a form opened before someone else's save is refused, with who, when and a link to compare (problem 9).

No JavaScript: Django's test client posts the editor's form as a browser without scripts would.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from conference.models import TalkPage

from .admin_forms import page_form_data

pytestmark = pytest.mark.django_db


def messages_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(" ".join(m.get_text(" ").split()) for m in soup.select(".messages")), soup


def test_the_second_editor_saving_an_outdated_form_is_refused_and_keeps_their_input(
    client, moderator, event_a, make_user
):
    talk = event_a.talk
    url = reverse("wagtailadmin_pages:edit", args=[talk.pk])
    ada = make_user("ada-first", *moderator.groups.all())
    ada.first_name, ada.last_name = "Ada", "First"
    ada.save()
    client.force_login(moderator)
    b_form = client.get(url).content.decode()  # editor B opens the talk
    opened = talk.latest_revision_id

    client.force_login(ada)  # editor A opens it, saves a new summary
    a_form = client.get(url).content.decode()
    assert client.post(url, page_form_data(a_form, summary="A's summary")).status_code == 302

    client.force_login(moderator)  # B saves from the outdated form
    response = client.post(url, page_form_data(b_form, summary="B's summary"))

    assert response.status_code == 200
    text, soup = messages_text(response)
    latest = TalkPage.objects.get(pk=talk.pk).get_latest_revision()
    assert f"Ada First saved this page on {latest.created_at:%Y-%m-%d at %H:%M} UTC, after you opened it" in text
    assert "so it was not saved" in text
    compare = soup.select_one(".messages a[href*=compare]")
    assert compare["href"] == reverse("wagtailadmin_pages:revisions_compare", args=[talk.pk, opened, latest.pk])
    assert client.get(compare["href"]).status_code == 200
    assert soup.select_one("textarea[name=summary]").text.strip() == "B's summary"  # B's input is kept
    # A's change is the latest revision; B's was not saved.
    assert latest.as_object().summary == "A's summary" and latest.user == ada


def test_saving_an_up_to_date_form_works_as_before(client, moderator, event_a):
    url = reverse("wagtailadmin_pages:edit", args=[event_a.talk.pk])
    client.force_login(moderator)

    first = client.post(url, page_form_data(client.get(url).content.decode(), summary="One"))
    second = client.post(url, page_form_data(client.get(url).content.decode(), summary="Two"))

    assert first.status_code == second.status_code == 302
    assert TalkPage.objects.get(pk=event_a.talk.pk).get_latest_revision().as_object().summary == "Two"
