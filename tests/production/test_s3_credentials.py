"""Wrong S3 credentials: the admin says so clearly, and the public site keeps working.

These run against moto's server with signature checking on, so a wrong key is refused exactly
where a real bucket would refuse it.
"""

import io

import pytest
import requests
from django.db import transaction
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from conference.factories import figure, image_file, make_day, make_event, make_talk, png_bytes

from .services import MotoS3
from .test_s3_media import add_image

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def strict_s3(service_logs):
    server = MotoS3(service_logs, enforce_auth=True)
    yield server
    server.stop()


def storages_for(server, bucket, **overrides):
    return {
        "default": {"BACKEND": "stack.storage.MediaStorage", "OPTIONS": server.storage_options(bucket, **overrides)},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _storage_error_middleware(settings):
    """As in settings.production (test_settings.py checks it is there)."""
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "stack.middleware.StorageErrorMiddleware"]


@pytest.fixture
def bucket(strict_s3):
    return strict_s3.new_bucket()


WRONG = {"secret_key": "not-the-secret"}


def test_objects_cannot_be_read_without_a_signature(admin_client, strict_s3, bucket):
    with override_settings(STORAGES=storages_for(strict_s3, bucket)):
        add_image(admin_client, "Private", "private.png", png_bytes())
    key = strict_s3.keys(bucket)[0]

    anonymous = requests.get(f"{strict_s3.endpoint_url}/{bucket}/{key}", timeout=10)

    assert anonymous.status_code == 403


def test_an_upload_with_wrong_credentials_shows_a_clear_error_in_the_admin(admin_client, strict_s3, bucket):
    with override_settings(STORAGES=storages_for(strict_s3, bucket, **WRONG)):
        response = add_image(admin_client, "Refused", "refused.png", png_bytes(), follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"The media storage (S3 bucket “{bucket}”) refused the request (" in html
    assert "check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY" in html
    assert not get_image_model().objects.filter(title="Refused").exists()
    assert strict_s3.keys(bucket) == []


def test_the_multiple_uploader_gets_the_error_as_its_message(admin_client, strict_s3, bucket):
    upload = io.BytesIO(png_bytes())
    upload.name = "dragged.png"

    # The failed insert breaks the test's transaction (in production there is none around a
    # request); a savepoint of our own keeps the database usable for the assertions.
    with override_settings(STORAGES=storages_for(strict_s3, bucket, **WRONG)), transaction.atomic():
        response = admin_client.post(
            "/admin/images/multiple/add/", {"files[]": upload}, headers={"x-requested-with": "XMLHttpRequest"}
        )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "refused the request" in answer["error_message"]
    assert not get_image_model().objects.exists()


def test_public_pages_still_render_with_wrong_credentials(client, strict_s3, bucket):
    with override_settings(STORAGES=storages_for(strict_s3, bucket)):
        image = get_image_model().objects.create(title="Card", file=image_file("card.png", size=(640, 480)))
        day = make_day(make_event())
        talk = make_talk(day, "Talk with a picture", body=[figure(image, alt="A card")])

    # The rendition does not exist yet, and the storage now refuses to read the original.
    with override_settings(STORAGES=storages_for(strict_s3, bucket, **WRONG)):
        talk_page = client.get(talk.url)
        home_page = client.get("/")
        day_page = client.get(day.url)

    assert talk_page.status_code == 200
    html = talk_page.content.decode()
    assert "Talk with a picture" in html
    assert 'alt="A card"' in html
    assert home_page.status_code == 200
    assert day_page.status_code == 200
    assert not Rendition.objects.filter(image=image).exclude(file="not-found").exists()
