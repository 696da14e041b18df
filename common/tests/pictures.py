"""Real picture files for upload tests, and a look inside a stored JPEG."""

import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}


def camera_jpeg(size=(4000, 3000), *, orientation=None, mode="RGB") -> bytes:
    """A JPEG as a phone writes it: GPS position, camera make, comment, XMP, colour profile."""
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (59.0, 26.0, 12.5)
    gps[3] = "E"
    gps[4] = (24.0, 45.0, 3.0)
    exif[0x010F] = "PhoneMaker"
    exif[0xA431] = "SERIAL-1234567"  # BodySerialNumber
    if orientation:
        exif[0x0112] = orientation
    image = Image.new(mode, size, (200, 40, 40) if mode == "RGB" else 128)
    # A marker in one corner, to tell which way up the stored picture is.
    image.paste((0, 0, 255) if mode == "RGB" else 0, (0, 0, size[0] // 4, size[1] // 4))
    out = BytesIO()
    image.save(
        out,
        "JPEG",
        exif=exif,
        comment=b"Shot at home, Lai 12",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret place</x:xmpmeta>',
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    return out.getvalue()


def picture(fmt="PNG", size=(64, 48), **save) -> bytes:
    out = BytesIO()
    Image.new("RGBA" if fmt != "JPEG" else "RGB", size, (10, 120, 200, 255)).save(out, fmt, **save)
    return out.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def jpeg_markers(data: bytes) -> list[int]:
    """The marker of every segment before the picture data (APP0, APP1 = EXIF/XMP, COM …)."""
    assert data[:2] == b"\xff\xd8"
    markers, position = [], 2
    while position < len(data):
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: the pixels follow
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        markers.append(marker)
        position += 2 + length
    return markers


METADATA_MARKERS = {0xE1: "EXIF or XMP", 0xE2: "ICC profile", 0xED: "IPTC", 0xFE: "comment"}
