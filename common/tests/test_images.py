"""The one image pipeline: every upload keeps only its pixels, whichever face it came through."""

import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image, ImageFile

from api.tests.helpers import token_client
from common import images
from common.tests import pictures
from quality.models import Photo
from quality.services import inspections
from quality.tests import helpers

ROOT = Path(__file__).resolve().parents[2]


# 48 MP is decoded at half scale (draft) to save memory: still upright and bounded.
@pytest.mark.parametrize("size", [(4000, 3000), (8000, 6000)])
def test_a_phone_photo_keeps_only_its_pixels_turned_upright_and_bounded(size):
    upload = pictures.upload(pictures.camera_jpeg(size, orientation=6))
    cleaned = images.clean_image(upload, images.PHOTO)

    for part, longest in ((cleaned, 2048), (cleaned.thumbnail, 480)):
        data = part.read()
        assert not set(pictures.jpeg_markers(data)) & set(pictures.METADATA_MARKERS)
        for secret in (b"PhoneMaker", b"SERIAL-1234567", b"Lai 12", b"secret place"):
            assert secret not in data
        part.seek(0)
        with Image.open(part) as picture:
            assert picture.format == "JPEG"
            assert picture.size == (longest * 3 // 4, longest)
            # The blue top-left corner of the sensor is at the top right once upright.
            red, _green, blue = picture.getpixel((picture.width - 5, 5))
            assert blue > 200 and red < 60


def test_a_transparent_png_gets_a_white_background_not_black():
    out = BytesIO()
    Image.new("RGBA", (40, 40), (0, 0, 0, 0)).save(out, "PNG")
    upload = pictures.upload(out.getvalue(), "logo.png", "image/png")
    with Image.open(images.clean_image(upload)) as picture:
        assert min(picture.getpixel((20, 20))) > 240


def test_a_large_png_is_shrunk_before_it_is_flattened_and_keeps_its_orientation():
    exif = Image.Exif()
    exif[0x0112] = 6
    image = Image.new("RGBA", (6000, 4500), (200, 40, 40, 255))
    image.paste((0, 0, 255, 255), (0, 0, 1500, 1125))
    out = BytesIO()
    image.save(out, "PNG", exif=exif)
    cleaned = images.clean_image(pictures.upload(out.getvalue(), "big.png", "image/png"))
    with Image.open(cleaned) as picture:
        assert picture.size == (1536, 2048)
        red, _green, blue = picture.getpixel((picture.width - 5, 5))
        assert blue > 200 and red < 60


def test_png_and_webp_are_kept_as_jpeg():
    for fmt in ("PNG", "WEBP"):
        cleaned = images.clean_image(pictures.upload(pictures.picture(fmt), f"a.{fmt.lower()}"))
        assert cleaned.name.endswith(".jpg") and cleaned.thumbnail.name.endswith("-thumb.jpg")
        assert cleaned.read()[:2] == b"\xff\xd8"


def test_a_cut_off_jpeg_is_refused_even_when_pillow_is_told_to_pad_it(monkeypatch):
    # WeasyPrint turns this on for the whole process when the PDF report is imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    cut = pictures.camera_jpeg((640, 480))[:-2000]
    with pytest.raises(images.ImageRejected) as refused:
        images.clean_image(pictures.upload(cut))
    assert refused.value.message == "This file is not a photo. Choose a JPEG, PNG or WebP picture."


@pytest.mark.parametrize(
    ("width", "height"),
    [(100_000, 100_000), (10_000, 5_001)],  # beyond Pillow's own limit; just beyond ours
)
def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded(width, height):
    bomb = pictures.upload(pictures.png_claiming(width, height), "bomb.png", "image/png")
    with pytest.raises(images.ImageRejected) as refused:
        images.clean_image(bomb)
    assert "more than 50 megapixels" in refused.value.message


def test_a_form_field_cleans_once_and_the_service_keeps_its_work():
    cleaned = images.clean_image(pictures.upload(pictures.picture("PNG")), images.PORTRAIT)
    assert images.clean_image(cleaned, images.PORTRAIT) is cleaned
    # Other rules: cleaned again, to those rules.
    again = images.clean_image(cleaned, images.PHOTO)
    assert again is not cleaned and again.rules == images.PHOTO


@pytest.fixture
def draft(cast):
    helpers.default_template()
    return inspections.start(cast.site_a1, by=cast.staff.inspector)


def test_the_api_cleans_photos_with_the_same_pipeline(cast, draft):
    api = token_client(cast.staff.inspector)
    score = draft.scores.order_by("position").first()
    url = reverse("api:inspection-photos", args=[draft.pk])
    added = api.post(
        url,
        {"score": score.pk, "photo": pictures.upload(pictures.camera_jpeg((3000, 2000)))},
        format="multipart",
    )
    assert added.status_code == 201, added.content
    stored = Path(Photo.objects.get().image.path).read_bytes()
    assert b"PhoneMaker" not in stored
    assert not set(pictures.jpeg_markers(stored)) & set(pictures.METADATA_MARKERS)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("a.gif", pictures.picture("GIF")),
        ("a.txt", b"hello"),
        ("bomb.png", pictures.png_claiming(100_000, 100_000)),
    ],
)
def test_the_api_refuses_what_the_pages_refuse_in_the_callers_language(
    cast, draft, settings, name, content
):
    api = token_client(cast.staff.inspector, language="et")
    score = draft.scores.order_by("position").first()
    refused = api.post(
        reverse("api:inspection-photos", args=[draft.pk]),
        {"score": score.pk, "photo": pictures.upload(content, name, "image/png")},
        format="multipart",
    )
    assert refused.status_code == 400
    message = refused.json()["error"]["fields"]["photo"][0]
    assert message.startswith(("See fail pole foto.", "Fotol on rohkem kui 50 megapikslit."))
    assert not Photo.objects.exists()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))


def test_a_solution_photo_that_is_not_a_picture_is_refused_on_the_field(client, cast, draft):
    helpers.fill(draft, [2, 5, 5, 5, 5])
    inspections.submit(draft, by=cast.staff.inspector)
    action = cast.site_a1.corrective_actions.get()
    client.force_login(cast.staff.work_manager)
    response = client.post(
        reverse("quality:action_solve", args=[action.pk]),
        {
            "solution": "Cleaned",
            "loaded_version": action.version,
            "photos": [pictures.upload(b"<svg/>", "x.svg", "image/svg+xml")],
        },
    )
    assert "This file is not a photo. Choose a JPEG, PNG or WebP picture." in response.text
    action.refresh_from_db()
    assert action.status == action.Status.OPEN


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("IMAGE_MAX_MB", "0", "IMAGE_MAX_MB must be from 1 to 100 (MB), not 0."),
        ("IMAGE_MAX_MB", "lots", "IMAGE_MAX_MB must be a whole number, not 'lots'."),
        ("IMAGE_MAX_MEGAPIXELS", "500", "IMAGE_MAX_MEGAPIXELS must be from 1 to 80, not 500."),
        ("ORPHAN_FILE_GRACE_HOURS", "0", "ORPHAN_FILE_GRACE_HOURS must be at least 1, not 0."),
    ],
)
def test_a_bad_image_setting_stops_the_start_with_a_clear_message(variable, value, message):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "clientdesk.settings",
            "CLIENTDESK_ENV": "test",
            variable: value,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert message in result.stderr
