"""Every uploaded picture goes through here: only real photos are kept, and only their pixels.

The type is read from the content (JPEG, PNG or WebP; never the name or the
browser's word), the size and the pixel count are checked before anything is
decoded (a "decompression bomb" is a tiny file that unpacks to gigabytes),
and the picture is decoded in full, so a truncated or corrupt file is refused
too. What is stored is a fresh JPEG re-encoded from the pixels, turned upright
as the camera's orientation tag said, at most ``long_side`` pixels long, with a
thumbnail: location (GPS EXIF), camera serials, comments, XMP, colour profiles
and whatever a crafted file carried are gone.

Services call :func:`clean_image` on whatever they are given, so the API and
any other caller get the same rules; form fields (``common.forms``) call it
too, to show the reason on the field, and the service then keeps their work.
"""

import uuid
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from common.errors import ServiceError

FORMATS = {"JPEG", "PNG", "WEBP"}
# image/* lets a phone offer its camera; Safari still sends a HEIC photo as JPEG.
ACCEPT = "image/jpeg,image/png,image/webp,image/*"
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Rules:
    """How large the stored picture and its thumbnail may be (longest side, pixels)."""

    long_side: int
    thumb_side: int


# Inspection and solution photos: detail matters, the PDF and the page show thumbnails.
PHOTO = Rules(long_side=2048, thumb_side=480)
# A face on a contact card (56 px, three times that on a sharp phone screen).
PORTRAIT = Rules(long_side=1024, thumb_side=256)


class ImageRejected(ServiceError):
    """The upload is not a picture Clientdesk keeps; the message says why."""


class CleanedImage(ContentFile):
    """A re-encoded JPEG made by :func:`clean_image`, with its thumbnail beside it."""

    def __init__(self, content: bytes, name: str, *, thumbnail: ContentFile, rules: Rules):
        super().__init__(content, name=name)
        self.thumbnail = thumbnail
        self.rules = rules


def clean_image(upload, rules: Rules = PHOTO, *, field: str | None = None) -> CleanedImage:
    """The picture re-encoded without metadata, with a thumbnail; or ImageRejected saying why.

    Refuses anything but a complete JPEG, PNG or WebP image, a file larger
    than IMAGE_MAX_MB and a picture of more than IMAGE_MAX_MEGAPIXELS. An
    upload this function already cleaned with the same rules is returned as it
    is, so a form field and the service behind it do the work once.
    """
    if isinstance(upload, CleanedImage) and upload.rules == rules:
        return upload
    limit_mb = settings.IMAGE_MAX_MB
    if upload.size > limit_mb * 1024 * 1024:
        raise ImageRejected(
            _("The photo is larger than %(limit)s MB. Take it at a lower resolution.")
            % {"limit": limit_mb},
            field=field,
        )
    picture = _decode(upload, rules.long_side, field=field)
    name = uuid.uuid4().hex
    picture.thumbnail((rules.long_side, rules.long_side))
    thumb = picture.copy()
    thumb.thumbnail((rules.thumb_side, rules.thumb_side))
    return CleanedImage(
        _jpeg(picture),
        f"{name}.jpg",
        thumbnail=ContentFile(_jpeg(thumb), name=f"{name}-thumb.jpg"),
        rules=rules,
    )


def _not_a_photo(field) -> ImageRejected:
    return ImageRejected(
        _("This file is not a photo. Choose a JPEG, PNG or WebP picture."), field=field
    )


def _too_many_pixels(field) -> ImageRejected:
    return ImageRejected(
        _("The photo has more than %(limit)s megapixels. Take it at a lower resolution.")
        % {"limit": settings.IMAGE_MAX_MEGAPIXELS},
        field=field,
    )


def _decode(upload, long_side: int, *, field) -> Image.Image:
    max_pixels = settings.IMAGE_MAX_MEGAPIXELS * 1_000_000
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=sorted(FORMATS)) as probe:
                # The header gives the size: refuse before a single pixel is unpacked.
                if probe.width * probe.height > max_pixels:
                    raise _too_many_pixels(field)
                probe.verify()
            upload.seek(0)
            with Image.open(upload, formats=sorted(FORMATS)) as image:
                # Memory, not only time: a 50 MP photo is 150 MB of pixels and
                # each full-size copy costs as much again. A JPEG decodes at
                # 1/2, 1/4 or 1/8 scale when that still leaves ``long_side``.
                image.draft("RGB", (long_side, long_side))
                image.load()
                # WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES for the whole
                # process; Pillow then pads a cut-off JPEG instead of failing,
                # and marks it so.
                if getattr(image, "_ended", False):
                    raise _not_a_photo(field)
                picture = _flatten(ImageOps.exif_transpose(_reduced(image, long_side)))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(field) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise _not_a_photo(field) from error
    finally:
        upload.seek(0)
    return picture


def _reduced(image: Image.Image, long_side: int) -> Image.Image:
    """``image`` shrunk by a whole factor that keeps its long side at least ``long_side``.

    Cheap (pixel averaging), so the copies that follow are small.
    """
    factor = max(image.size) // long_side
    if factor < 2 or image.mode not in {"L", "LA", "RGB", "RGBA"}:
        return image
    reduced = image.reduce(factor)
    # reduce() drops ``info``; the orientation tag lives in the EXIF data.
    reduced.info = image.info
    return reduced


def _flatten(image: Image.Image) -> Image.Image:
    """RGB pixels; transparent parts become white (as on the page), not black."""
    if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(picture: Image.Image) -> bytes:
    # Pillow copies a decoded comment (and more, in future versions) from
    # ``info`` into what it saves: start from nothing.
    picture.info = {}
    out = BytesIO()
    picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()
