"""Fixtures for the production-stack tests: a real S3 server, and production servers on PostgreSQL."""

import pytest
from django.test import override_settings

from .services import MotoS3
from .stack import ProductionStack


@pytest.fixture(scope="session")
def service_logs(tmp_path_factory):
    return tmp_path_factory.mktemp("service-logs")


@pytest.fixture(scope="session")
def moto_s3(service_logs):
    """moto's standalone S3 server, accepting any credentials (as a bucket with the right ones would)."""
    server = MotoS3(service_logs)
    yield server
    server.stop()


@pytest.fixture
def s3_media(moto_s3):
    """Media in a fresh bucket on the S3 server, through the storage settings.production uses."""
    bucket = moto_s3.new_bucket()
    storages = {
        "default": {"BACKEND": "stack.storage.MediaStorage", "OPTIONS": moto_s3.storage_options(bucket)},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield moto_s3, bucket


@pytest.fixture(scope="session")
def production_stack(moto_s3, service_logs, tmp_path_factory):
    """Set up as README's "Deploying" says; with a backup of its fresh database for test_outage.py's stack."""
    stack = ProductionStack(moto_s3, service_logs, tmp_path_factory.mktemp("static"), backup=True)
    yield stack
    stack.stop()
