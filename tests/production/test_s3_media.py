"""Media on a real S3 server (moto's standalone server on loopback) through the Wagtail admin."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image as PILImage
from wagtail.images import get_image_model

from conference.factories import figure, make_day, make_event, make_talk, paragraph, png_bytes

pytestmark = pytest.mark.django_db


def add_image(client, title, filename, data, follow=False):
    form = client.get("/admin/images/add/")
    assert form.status_code == 200
    soup = BeautifulSoup(form.content, "html.parser")
    fields = {
        field["name"]: field.get("value", "")
        for field in soup.select("form[enctype='multipart/form-data'] input[name]")
        if field.get("type") not in ("file", "checkbox", "radio")
    }
    fields.pop("csrfmiddlewaretoken", None)
    fields["title"] = title
    upload = io.BytesIO(data)
    upload.name = filename
    return client.post("/admin/images/add/", {**fields, "file": upload}, follow=follow)


def img_src(html: str) -> str:
    img = BeautifulSoup(html, "html.parser").select_one("figure.block-image img")
    assert img is not None, "the page shows no body image"
    return img["src"]


def test_an_image_uploaded_in_the_admin_is_stored_rendered_and_served_from_the_bucket(admin_client, client, s3_media):
    server, bucket = s3_media

    response = add_image(admin_client, "Blue card", "blue-card.png", png_bytes(1600, 900))

    assert response.status_code == 302
    image = get_image_model().objects.get(title="Blue card")
    assert server.keys(bucket) == [f"original_images/{image.file.name.rsplit('/', 1)[-1]}"]

    talk = make_talk(make_day(make_event()), "Images on S3", body=[paragraph("<p>Look:</p>"), figure(image)])
    page = client.get(talk.url)

    assert page.status_code == 200
    assert "Images on S3" in page.content.decode()
    src = img_src(page.content.decode())
    # The rendition was generated and stored in the bucket, next to the original.
    # (The body's image, and the talk's sharing card, a 1200×630 crop in its head.)
    rendition_keys = sorted(key for key in server.keys(bucket) if key.startswith("images/"))
    assert len(rendition_keys) == 2 and ".fill-1200x630" in rendition_keys[0] and ".width-1200" in rendition_keys[1]
    rendition_keys = rendition_keys[1:]
    # The page links to the bucket itself, with a signed, expiring URL (the bucket is private).
    assert src.startswith(f"{server.endpoint_url}/{bucket}/{rendition_keys[0]}?")
    query = parse_qs(urlsplit(src).query)
    assert "X-Amz-Signature" in query and query["X-Amz-Expires"] == ["3600"]
    served = requests.get(src, timeout=10)
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/png"
    assert PILImage.open(io.BytesIO(served.content)).size == (1200, 675)


def test_deleting_an_image_in_the_admin_removes_its_objects_from_the_bucket(
    admin_client, s3_media, django_capture_on_commit_callbacks
):
    server, bucket = s3_media
    add_image(admin_client, "Short-lived", "short-lived.png", png_bytes())
    image = get_image_model().objects.get(title="Short-lived")
    image.get_rendition("fill-200x200")
    assert len(server.keys(bucket)) == 2

    # Wagtail removes the files once the deletion is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/images/{image.pk}/delete/")

    assert response.status_code == 302
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert server.keys(bucket) == []


def test_an_upload_with_the_same_file_name_never_replaces_another(admin_client, s3_media):
    server, bucket = s3_media
    add_image(admin_client, "First photo", "photo.png", png_bytes(colour=(200, 0, 0)))
    add_image(admin_client, "Second photo", "photo.png", png_bytes(colour=(0, 200, 0)))

    first, second = (get_image_model().objects.get(title=title) for title in ("First photo", "Second photo"))

    assert first.file.name != second.file.name
    assert len(server.keys(bucket)) == 2
    with first.open_file() as stored:
        assert PILImage.open(stored).convert("RGB").getpixel((0, 0)) == (200, 0, 0)


def test_media_objects_are_private(admin_client, s3_media):
    server, bucket = s3_media
    add_image(admin_client, "Private", "private.png", png_bytes())
    key = server.keys(bucket)[0]

    grants = server.client().get_object_acl(Bucket=bucket, Key=key)["Grants"]

    public = [g for g in grants if g["Grantee"].get("URI", "").endswith(("AllUsers", "AuthenticatedUsers"))]
    assert public == []
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
