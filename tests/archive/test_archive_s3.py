"""Publishing the archive to S3: moto's S3 server on loopback, through the project's storage settings."""

import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conference.archive.s3 import S3Destination
from conference.factories import make_event_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def s3_settings(s3_media):
    """The project's media storage pointed at the moto server, as settings.production configures it."""
    server, _media_bucket = s3_media
    return server


def objects(s3, bucket):
    """{key: its HEAD response} for every object of the bucket (several requests at a time)."""
    client = s3.client()
    keys = s3.keys(bucket)
    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip(keys, pool.map(lambda key: client.head_object(Bucket=bucket, Key=key), keys), strict=True))


def last_modified(s3, bucket):
    """{key: when it was last written} for every object of the bucket, from its listing."""
    pages = s3.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {item["Key"]: item["LastModified"] for page in pages for item in page.get("Contents", [])}


@pytest.fixture(scope="module")
def _first_upload():
    return {}


@pytest.fixture
def uploaded(s3_settings, demo_archive, _first_upload):
    """(folder, bucket, destination, report): the archive uploaded to the root of a bucket of its own.

    Uploading every file to the S3 server takes seconds, so it is done once, by the module's first
    test that asks for it; the tests only read the bucket, or upload the same archive again.
    """
    folder, _zip = demo_archive
    if not _first_upload:
        bucket = s3_settings.new_bucket()
        destination = S3Destination.parse(f"s3://{bucket}/")
        _first_upload.update(bucket=bucket, destination=destination, report=destination.upload(folder))
    return folder, _first_upload["bucket"], _first_upload["destination"], _first_upload["report"]


def test_every_file_is_uploaded_with_its_content_type_and_cache_headers(s3_settings, uploaded):
    folder, bucket, _destination, report = uploaded

    stored = objects(s3_settings, bucket)
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert set(stored) == files
    assert report.uploaded == len(files)
    expected_types = {
        "index.html": "text/html; charset=utf-8",
        "static/css/site.css": "text/css; charset=utf-8",
        "djangocon-us-2023/calendar.ics": "text/calendar; charset=utf-8",
        "djangocon-us-2023/schedule.json": "application/json",
        "djangocon-us-2023/schedule.xml": "application/xml",
        "media/images/event-logo.max-240x120.png": "image/png",
        "search/archive-search.js": "text/javascript; charset=utf-8",
        "pagefind/pagefind-entry.json": "application/json",
    }
    assert {key: stored[key]["ContentType"] for key in expected_types} == expected_types
    assert stored["index.html"]["CacheControl"] == "public, max-age=3600"
    index_chunks = [key for key in stored if key.startswith("pagefind/index/")]
    assert index_chunks
    assert {stored[key]["CacheControl"] for key in index_chunks} == {"public, max-age=31536000, immutable"}
    assert all(head["ContentType"] for head in stored.values())


def test_a_second_upload_with_nothing_changed_uploads_nothing(s3_settings, uploaded):
    folder, bucket, destination, _report = uploaded
    before = last_modified(s3_settings, bucket)

    report = destination.upload(folder)

    assert (report.uploaded, report.bytes, report.deleted) == (0, 0, 0)
    assert report.unchanged == len(before)
    assert last_modified(s3_settings, bucket) == before


def test_changed_files_are_sent_and_vanished_ones_deleted_only_with_delete(s3_settings, demo_archive, tmp_path):
    folder, _zip = demo_archive
    # A few of the archive's files: the whole archive's upload is the tests' above.
    copy = tmp_path / "archive"
    for name in ("index.html", "static/css/site.css", "speakers/andrew/index.html", "speakers/andrew/calendar.ics"):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / name, copy / name)
    bucket = s3_settings.new_bucket()
    destination = S3Destination.parse(f"s3://{bucket}/site")
    destination.upload(copy)
    (copy / "speakers" / "andrew" / "calendar.ics").unlink()
    (copy / "index.html").write_text((copy / "index.html").read_text().replace("DjangoCon", "DjangoCon!"))

    kept = destination.upload(copy)
    assert (kept.uploaded, kept.deleted, kept.kept) == (1, 0, 1)
    assert "site/speakers/andrew/calendar.ics" in s3_settings.keys(bucket)

    deleted = destination.upload(copy, delete=True)
    assert (deleted.uploaded, deleted.deleted) == (0, 1)
    assert "site/speakers/andrew/calendar.ics" not in s3_settings.keys(bucket)
    body = s3_settings.client().get_object(Bucket=bucket, Key="site/index.html")["Body"].read().decode()
    assert "DjangoCon!" in body


def test_the_command_exports_and_uploads(s3_settings, tmp_path):
    event, _days, talks = make_event_tree(days=1, talks_per_day=2)
    bucket = s3_settings.new_bucket()
    out = StringIO()

    call_command("export_archive", event.slug, "-o", str(tmp_path / "a"), "--to", f"s3://{bucket}/a", stdout=out)

    keys = s3_settings.keys(bucket)
    assert "a/index.html" in keys
    assert f"a/{talks[0].url.strip('/')}/index.html" in keys
    assert f"Uploaded to s3://{bucket}/a/: {len(keys)} files uploaded" in out.getvalue()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--to", "https://example.org/"], "--to: “https://example.org/” is not an S3 location"),
        (["--to", "s3:///prefix"], "--to: “s3:///prefix” names no bucket"),
        (["--delete"], "--delete only applies to an upload"),
        (["--base-url", "example.org"], "--base-url must be an absolute http(s) address"),
    ],
)
def test_bad_options_are_refused_with_a_clear_message(db, tmp_path, arguments, message):
    event, _days, _talks = make_event_tree(days=1, talks_per_day=1)

    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("export_archive", event.slug, "-o", str(tmp_path / "a"), *arguments)
    assert not (tmp_path / "a").exists()


def test_an_unknown_or_unpublished_event_is_refused(db, tmp_path):
    event, _days, _talks = make_event_tree(days=1, talks_per_day=1, live=False)

    for slug in ("no-such-event", event.slug):
        with pytest.raises(CommandError, match=f"EVENT_SLUG: no live, public event page has the slug “{slug}”"):
            call_command("export_archive", slug, "-o", str(tmp_path / "a"))
