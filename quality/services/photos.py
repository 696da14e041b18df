"""Inspection and solution photos go through the one image pipeline (common/images.py)."""

from django.core.files.base import ContentFile

from common import images


def prepare(upload) -> tuple[ContentFile, ContentFile]:
    """The stored picture (at most 2048 px) and its 480 px thumbnail, or ImageRejected."""
    cleaned = images.clean_image(upload, images.PHOTO)
    return cleaned, cleaned.thumbnail
