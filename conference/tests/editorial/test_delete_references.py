"""Speakers and images still used on pages cannot be deleted; the refusal names the pages (issue 11, problem 5)."""

# The editorial site's fixtures are imported from .site, and tests name them as arguments.
# ruff: noqa: F811

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.images import get_image_model

from conference.factories import TALK_BODY, make_image, publish
from conference.models import Speaker

from .site import _module_editorial_site, editor_a, editorial_site, event_a, event_b, moderator  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def use_in_body(talk, *blocks):
    talk.body = [*TALK_BODY, *blocks]
    publish(talk)


def quote_by(speaker):
    return {
        "type": "quote",
        "value": {"text": "Names matter.", "attribution": "", "speaker": speaker.pk, "source_url": ""},
    }


def figure_of(image):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": "A slide", "decorative": False},
            "caption": "",
            "credit": "",
        },
    }


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_speaker_quoted_in_a_talk_cannot_be_deleted(client, moderator, event_a, method):
    ada = Speaker.objects.create(name="Ada Quoted", slug="ada-quoted")
    use_in_body(event_a.talk, quote_by(ada))
    client.force_login(moderator)

    response = getattr(client, method)(reverse("conference_speaker_modeladmin_delete", args=[ada.pk]))

    assert response.status_code == 200
    assert "Ada Quoted cannot be deleted" in text_of(response)
    assert event_a.talk.title in text_of(response)
    assert Speaker.objects.filter(pk=ada.pk).exists()
    assert "Ada Quoted" in client.get(event_a.talk.url).content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_image_in_a_talk_body_cannot_be_deleted_and_the_page_is_named(client, moderator, event_a, method):
    image = make_image("Used slide")
    use_in_body(event_a.talk, figure_of(image))
    client.force_login(moderator)

    response = getattr(client, method)(reverse("wagtailimages:delete", args=[image.pk]))

    assert response.status_code == 200
    html = text_of(response)
    assert "“Used slide” cannot be deleted" in html and "used on 1 page" in html
    links = [a["href"] for a in BeautifulSoup(response.content, "html.parser").select(".image-pages a")]
    assert links == [reverse("wagtailadmin_pages:edit", args=[event_a.talk.pk])]
    assert get_image_model().objects.filter(pk=image.pk).exists()


def test_an_unused_image_is_deleted_as_before(client, moderator):
    image = make_image("Unused slide")
    client.force_login(moderator)

    response = client.post(reverse("wagtailimages:delete", args=[image.pk]))

    assert response.status_code == 302
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def test_a_bulk_delete_is_refused_while_one_image_is_used(client, moderator, event_a):
    used, unused = make_image("Used slide"), make_image("Spare slide")
    use_in_body(event_a.talk, figure_of(used))
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])

    response = client.post(f"{url}?id={used.pk}&id={unused.pk}", follow=True)

    assert "“Used slide” is used on 1 page" in text_of(response)
    assert get_image_model().objects.filter(pk__in=[used.pk, unused.pk]).count() == 2


def test_no_code_path_deletes_a_used_speaker_or_image(event_a):
    ada = Speaker.objects.create(name="Ada Quoted", slug="ada-quoted")
    image = make_image("Used slide")
    use_in_body(event_a.talk, quote_by(ada), figure_of(image))

    with pytest.raises(ProtectedError, match="Opening of PyCon A"), transaction.atomic():
        ada.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        get_image_model().objects.filter(pk=image.pk).delete()
    assert Speaker.objects.filter(pk=ada.pk).exists() and get_image_model().objects.filter(pk=image.pk).exists()
