"""Uploaded photos: only real images, re-encoded, without metadata, with a thumbnail.

Re-encoding drops everything but the pixels: location (GPS EXIF), camera
serials, and whatever a crafted file carried. The picture is turned upright
first, as the camera's orientation tag said.
"""

import uuid
import warnings
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from common.errors import ServiceError

FORMATS = {"JPEG", "PNG", "WEBP"}
LONG_SIDE = 2048
THUMB_SIDE = 480
# Larger pictures are refused before they are decoded (a "decompression bomb").
MAX_PIXELS = 40_000_000


def _not_a_photo() -> ServiceError:
    return ServiceError(_("This file is not a photo. Choose a JPEG, PNG or WebP picture."))


def prepare(upload) -> tuple[ContentFile, ContentFile]:
    """The stored picture and its thumbnail, or a ServiceError saying what is wrong."""
    limit = settings.QUALITY_PHOTO_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise ServiceError(
            _("The photo is larger than %(limit)s MB. Take it at a lower resolution.")
            % {"limit": limit}
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                if probe.format not in FORMATS:
                    raise _not_a_photo()
                if probe.width * probe.height > MAX_PIXELS:
                    raise ServiceError(_("The photo has too many pixels."))
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                picture = ImageOps.exif_transpose(image).convert("RGB")
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        raise _not_a_photo() from error
    name = uuid.uuid4().hex
    picture.thumbnail((LONG_SIDE, LONG_SIDE))
    thumb = picture.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    return _jpeg(picture, f"{name}.jpg"), _jpeg(thumb, f"{name}-thumb.jpg")


def _jpeg(picture: Image.Image, name: str) -> ContentFile:
    out = BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name=name)
