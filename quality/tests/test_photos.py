"""Photos: only real pictures, re-encoded without location data, behind the access check."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from quality.models import Photo
from quality.services import inspections
from quality.tests import helpers


@pytest.fixture
def draft_score(cast):
    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    return draft.scores.order_by("position").first()


def _upload(client, score, upload):
    return client.post(
        reverse("quality:photo_add", args=[score.pk]),
        {"photo": upload},
        headers={"HX-Request": "true"},
    )


def test_a_photo_is_stored_upright_without_location_and_with_a_thumbnail(client, cast, draft_score):
    client.force_login(cast.staff.inspector)
    response = _upload(client, draft_score, helpers.photo_upload(size=(3000, 2000), exif_gps=True))
    assert response.status_code == 200
    photo = Photo.objects.get()
    assert f'src="{reverse("quality_files:photo", args=[photo.pk, "thumb"])}"' in response.text
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 2048
        assert not stored.getexif()
    with Image.open(photo.thumbnail.path) as thumb:
        assert max(thumb.size) == 480

    served = client.get(reverse("quality_files:photo", args=[photo.pk, "full"]))
    assert served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("notes.jpg", b"these are not pixels", "image/jpeg"),
        ("report.pdf", b"%PDF-1.4 fake", "application/pdf"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_with_a_clear_message(
    client, cast, draft_score, name, content, content_type
):
    client.force_login(cast.staff.inspector)
    response = _upload(client, draft_score, SimpleUploadedFile(name, content, content_type))
    assert "This file is not a photo. Choose a JPEG, PNG or WebP picture." in response.text
    assert not Photo.objects.exists()


def test_a_gif_is_refused(client, cast, draft_score):
    client.force_login(cast.staff.inspector)
    response = _upload(client, draft_score, _gif())
    assert "This file is not a photo." in response.text
    assert not Photo.objects.exists()


def _gif():
    from io import BytesIO

    buffer = BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "GIF")
    return SimpleUploadedFile("anim.gif", buffer.getvalue(), "image/gif")


def test_a_photo_over_the_size_limit_is_refused(client, cast, draft_score, settings):
    settings.IMAGE_MAX_MB = 1
    client.force_login(cast.staff.inspector)
    big = SimpleUploadedFile("big.jpg", b"\xff" * (1024 * 1024 + 1), "image/jpeg")
    response = _upload(client, draft_score, big)
    assert "The photo is larger than 1 MB." in response.text
    assert not Photo.objects.exists()


def test_png_and_webp_photos_are_accepted_and_stored_as_jpeg(client, cast, draft_score):
    client.force_login(cast.staff.inspector)
    _upload(client, draft_score, helpers.photo_upload("a.png", fmt="PNG"))
    _upload(client, draft_score, helpers.photo_upload("b.webp", fmt="WEBP"))
    assert [p.image.name.endswith(".jpg") for p in Photo.objects.all()] == [True, True]


def test_the_client_sees_photos_of_published_inspections_only(client, cast, draft_score):
    photo = inspections.add_photo(draft_score, helpers.photo_upload(), by=cast.staff.inspector)
    url = reverse("quality_files:photo", args=[photo.pk, "thumb"])
    client.force_login(cast.contact_a.user)
    assert client.get(url).status_code == 404
    helpers.fill(draft_score.inspection, [5, 5, 5, 5, 5])
    inspections.submit(draft_score.inspection, by=cast.staff.inspector)
    assert client.get(url).status_code == 200
    client.force_login(cast.contact_b.user)
    assert client.get(url).status_code == 404


def test_removing_a_photo_deletes_its_files(
    client, cast, draft_score, django_capture_on_commit_callbacks
):
    photo = inspections.add_photo(draft_score, helpers.photo_upload(), by=cast.staff.inspector)
    paths = [photo.image.path, photo.thumbnail.path]
    client.force_login(cast.staff.inspector)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("quality:photo_delete", args=[photo.pk]))
    assert not Photo.objects.exists()
    assert not any(os.path.exists(p) for p in paths)
