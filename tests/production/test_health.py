"""/healthz and /readyz: cheap, never cached, reachable by a load balancer over plain HTTP."""

import pytest
from django.test import override_settings

from .services import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_like(settings):
    # What a load balancer meets in production: HTTPS redirects and a host allow-list.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["notes.example.org"]


def test_healthz_answers_a_load_balancer_over_plain_http_with_any_host(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz", headers={"Host": "10.0.0.12:8000"})

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_checks_the_database_and_the_media_storage(client, s3_media):
    response = client.get("/readyz", headers={"Host": "10.0.0.12:8000"})

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "storage": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_is_503_while_the_media_storage_cannot_be_reached(client, moto_s3):
    unreachable = moto_s3.storage_options("no-bucket", endpoint_url=f"http://127.0.0.1:{free_port()}")
    storages = {
        "default": {"BACKEND": "stack.storage.MediaStorage", "OPTIONS": unreachable},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "storage": "unavailable"}
