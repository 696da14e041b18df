"""Staff photos: cleaned like every upload, shown small on contact cards, never left behind."""

import os
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from PIL import Image

from accounts import services
from accounts.models import User
from accounts.tests.test_staff_pages import staff_form
from common.tests import pictures

NOT_A_PHOTO_ET = "See fail pole foto. Valige JPEG-, PNG- või WebP-pilt."


def _stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _post_photo(client, cast, person, upload, **overrides):
    client.force_login(cast.staff.admin)
    return client.post(
        reverse("accounts:staff_edit", args=[person.pk]),
        staff_form(person, photo=upload, **overrides),
    )


def test_administrator_sets_a_phone_photo_and_clients_get_a_small_clean_copy(client, cast):
    director = cast.staff.service_director
    upload = pictures.upload(pictures.camera_jpeg((4000, 3000), orientation=6), "IMG_0001.JPG")
    assert _post_photo(client, cast, director, upload).status_code == 302

    director.refresh_from_db()
    for stored, longest in ((director.photo, 1024), (director.photo_thumbnail, 256)):
        data = Path(stored.path).read_bytes()
        assert not set(pictures.jpeg_markers(data)) & set(pictures.METADATA_MARKERS)
        assert b"PhoneMaker" not in data and b"secret place" not in data
        with Image.open(stored.path) as picture:
            assert picture.format == "JPEG"
            assert not picture.getexif()
            # Turned upright as the camera said: the landscape sensor shot a portrait.
            assert max(picture.size) == longest and picture.height > picture.width
    assert director.photo.name.startswith(f"photos/user-{director.pk}-")

    client.force_login(cast.contact_a.user)
    card = client.get(reverse("portal:home")).text
    assert f'src="{director.photo_thumbnail.url}"' in card
    assert director.photo.url not in card
    client.force_login(cast.staff.admin)
    staff_page = client.get(director.get_staff_url()).text
    assert f'src="{director.photo_thumbnail.url}"' in staff_page


def test_a_45_mb_photo_is_refused_in_the_readers_language_and_nothing_is_stored(
    client, cast, settings
):
    User.objects.filter(pk=cast.staff.admin.pk).update(language="et")
    director = cast.staff.service_director
    # A real JPEG with 45 MB after it, as some cameras write (the decoder would accept it).
    huge = pictures.camera_jpeg((64, 48)) + b"\0" * (45 * 1024 * 1024)
    response = _post_photo(client, cast, director, pictures.upload(huge, "huge.jpg"))

    assert response.status_code == 200
    assert "Foto on suurem kui 15 MB. Pildistage väiksema eraldusvõimega." in response.text
    director.refresh_from_db()
    assert not director.photo and director.version == 1
    assert _stored_files(settings) == []


def test_a_picture_with_too_many_pixels_is_refused(client, cast, settings):
    director = cast.staff.service_director
    bomb = pictures.png_claiming(100_000, 100_000)  # 230 bytes, 10 gigapixels
    response = _post_photo(client, cast, director, pictures.upload(bomb, "me.png", "image/png"))
    assert "The photo has more than 50 megapixels. Take it at a lower resolution." in response.text

    settings.IMAGE_MAX_MEGAPIXELS = 1
    big = pictures.picture("PNG", (1500, 1000))
    response = _post_photo(client, cast, director, pictures.upload(big, "me.png", "image/png"))
    assert "The photo has more than 1 megapixels." in response.text
    director.refresh_from_db()
    assert not director.photo
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("me.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "image/svg+xml"),
        ("me.gif", pictures.picture("GIF"), "image/gif"),
        ("me.jpg", b"just some text, not pixels", "image/jpeg"),
        ("me.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "application/pdf"),
        ("me.bmp", pictures.picture("BMP"), "image/bmp"),
        ("me.tif", pictures.picture("TIFF"), "image/tiff"),
        ("cut.jpg", pictures.camera_jpeg((640, 480))[:-2000], "image/jpeg"),
    ],
)
def test_anything_but_a_complete_jpeg_png_or_webp_is_refused_on_the_staff_form(
    client, cast, settings, name, content, content_type
):
    User.objects.filter(pk=cast.staff.admin.pk).update(language="et")
    director = cast.staff.service_director
    response = _post_photo(client, cast, director, pictures.upload(content, name, content_type))
    assert response.status_code == 200
    assert NOT_A_PHOTO_ET in response.text
    director.refresh_from_db()
    assert not director.photo
    assert _stored_files(settings) == []


def test_the_photo_input_offers_only_the_accepted_kinds(client, cast):
    client.force_login(cast.staff.admin)
    page = client.get(reverse("accounts:staff_edit", args=[cast.staff.operator.pk])).text
    assert 'accept="image/jpeg,image/png,image/webp,image/*"' in page


def test_a_replaced_photo_and_its_thumbnail_are_deleted_once_the_change_commits(
    client, cast, django_capture_on_commit_callbacks
):
    director = cast.staff.service_director
    first = pictures.upload(pictures.picture("PNG"), "a.png", "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        _post_photo(client, cast, director, first)
    director.refresh_from_db()
    old = [director.photo.path, director.photo_thumbnail.path]
    assert all(os.path.exists(p) for p in old)

    second = pictures.upload(pictures.picture("WEBP"), "b.webp", "image/webp")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _post_photo(client, cast, director, second)
        # Until the commit, the old files are still there.
        assert all(os.path.exists(p) for p in old)
    assert callbacks
    director.refresh_from_db()
    assert not any(os.path.exists(p) for p in old)
    assert os.path.exists(director.photo.path) and os.path.exists(director.photo_thumbnail.path)


def test_a_cleared_photo_is_deleted_with_its_thumbnail(
    client, cast, django_capture_on_commit_callbacks
):
    director = cast.staff.service_director
    with django_capture_on_commit_callbacks(execute=True):
        _post_photo(client, cast, director, pictures.upload(pictures.picture("PNG"), "a.png"))
    director.refresh_from_db()
    old = [director.photo.path, director.photo_thumbnail.path]

    client.force_login(cast.staff.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:staff_edit", args=[director.pk]),
            staff_form(director, **{"photo-clear": "on"}),
        )
    assert response.status_code == 302
    director.refresh_from_db()
    assert not director.photo and not director.photo_thumbnail
    assert not any(os.path.exists(p) for p in old)


def test_a_rolled_back_change_keeps_the_old_photo(cast, django_capture_on_commit_callbacks):
    director = cast.staff.service_director
    with django_capture_on_commit_callbacks(execute=True):
        director = services.update_user(
            director,
            {"photo": pictures.upload(pictures.picture("PNG"), "a.png")},
            by=cast.staff.admin,
            expected_version=director.version,
        )
    old = director.photo.path

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.update_user(
            director,
            {"photo": pictures.upload(pictures.picture("WEBP"), "b.webp")},
            by=cast.staff.admin,
            expected_version=director.version,
        )
        raise RuntimeError("something later in the same transaction failed")
    assert callbacks == []
    assert os.path.exists(old)
    director.refresh_from_db()
    assert director.photo.path == old


def test_an_invitation_with_a_photo_stores_it_cleaned(client, cast):
    client.force_login(cast.staff.admin)
    response = client.post(
        reverse("accounts:staff_invite"),
        {
            "full_name": "Uus Inimene",
            "email": "uus@clientdesk.example",
            "role": "operator",
            "language": "et",
            "loaded_version": 1,
            "photo": pictures.upload(pictures.camera_jpeg((1200, 900))),
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="uus@clientdesk.example")
    assert b"PhoneMaker" not in Path(person.photo.path).read_bytes()
    with Image.open(person.photo_thumbnail.path) as thumb:
        assert max(thumb.size) == 256


def test_a_staff_member_changes_their_own_photo_through_the_same_pipeline(client, cast):
    director = cast.staff.service_director
    client.force_login(director)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": director.full_name,
            "phone": director.phone,
            "language": "en",
            "loaded_version": director.version,
            "photo": pictures.upload(b"GIF89a not really", "me.gif", "image/gif"),
        },
    )
    assert "This file is not a photo. Choose a JPEG, PNG or WebP picture." in response.text


def test_photos_stored_before_the_pipeline_are_cleaned_by_the_migration(
    cast, django_capture_on_commit_callbacks
):
    from importlib import import_module

    from django.apps import apps
    from django.core.files.base import ContentFile

    migration = import_module("accounts.migrations.0004_clean_stored_photos")
    raw, broken = cast.staff.service_director, cast.staff.work_manager
    raw.photo.save("raw.jpg", ContentFile(pictures.camera_jpeg((3000, 2000))))
    broken.photo.save("broken.jpg", ContentFile(b"not a picture"))
    old = [raw.photo.path, broken.photo.path]

    with django_capture_on_commit_callbacks(execute=True):
        migration.clean_stored_photos(apps, None)

    raw.refresh_from_db()
    broken.refresh_from_db()
    assert b"PhoneMaker" not in Path(raw.photo.path).read_bytes()
    with Image.open(raw.photo_thumbnail.path) as thumb:
        assert max(thumb.size) == 256
    assert not broken.photo
    assert not any(os.path.exists(p) for p in old)
