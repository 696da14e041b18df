"""Uploaded files no record refers to are found in every app's upload folder and removed."""

import os
import time
from pathlib import Path

import pytest
from django.db import transaction

from accounts import services
from accounts.models import User
from common import files
from common.tasks import remove_orphan_files_job
from common.tests import pictures
from quality.models import Photo
from quality.services import inspections
from quality.tests import helpers

TWO_DAYS = 2 * 24 * 3600


def _age(*paths: str, seconds: int = TWO_DAYS) -> None:
    then = time.time() - seconds
    for path in paths:
        os.utime(path, (then, then))


def _photo_files(settings) -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT, "photos").rglob("*") if p.is_file()}


def test_every_file_field_of_every_model_is_found_without_registering():
    found = {(model._meta.label, field.name) for model, field in files.file_fields()}
    assert {
        ("accounts.User", "photo"),
        ("accounts.User", "photo_thumbnail"),
        ("quality.Photo", "image"),
        ("quality.Photo", "thumbnail"),
    } <= found
    # History keeps only the old file names as text: those files are not kept for it.
    assert not any(label.startswith("accounts.Historical") for label, _name in found)


def test_files_left_by_a_failed_transaction_are_removed_once_past_the_grace_period(cast, settings):
    director = cast.staff.service_director
    director = services.update_user(
        director,
        {"photo": pictures.upload(pictures.picture("PNG"), "kept.png")},
        by=cast.staff.admin,
        expected_version=director.version,
    )
    referenced = {Path(director.photo.path), Path(director.photo_thumbnail.path)}

    for name in ("old.png", "fresh.png"):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.update_user(
                director,
                {"photo": pictures.upload(pictures.picture("PNG"), name)},
                by=cast.staff.admin,
                expected_version=director.version,
            )
            raise RuntimeError("the save failed after the files were written")
        if name == "old.png":
            old_orphans = _photo_files(settings) - referenced
    fresh_orphans = _photo_files(settings) - referenced - old_orphans
    assert len(old_orphans) == len(fresh_orphans) == 2  # a photo and its thumbnail, each
    _age(*map(str, old_orphans | referenced))

    remove_orphan_files_job.call_local()

    assert _photo_files(settings) == referenced | fresh_orphans
    director.refresh_from_db()
    assert Path(director.photo.path).exists()


def test_the_files_of_a_deleted_inspection_photo_go_and_those_in_use_stay(cast, settings):
    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    score = draft.scores.order_by("position").first()
    kept = inspections.add_photo(score, helpers.photo_upload(), by=cast.staff.inspector)
    gone = inspections.add_photo(score, helpers.photo_upload(), by=cast.staff.inspector)
    gone_paths = [gone.image.path, gone.thumbnail.path]
    kept_paths = [kept.image.path, kept.thumbnail.path]
    # Deleted without the service (as a cascade would): the files stay behind.
    Photo.objects.filter(pk=gone.pk).delete()
    _age(*gone_paths, *kept_paths)

    deleted = files.remove_orphan_files()

    assert sorted(deleted) == sorted(os.path.relpath(p, settings.MEDIA_ROOT) for p in gone_paths)
    assert all(os.path.exists(p) for p in kept_paths)


def test_files_outside_the_upload_folders_are_never_touched(cast, settings):
    services.update_user(
        cast.staff.work_manager,
        {"photo": pictures.upload(pictures.picture("PNG"), "a.png")},
        by=cast.staff.admin,
        expected_version=1,
    )
    elsewhere = Path(settings.MEDIA_ROOT, "exports", "report.pdf")
    at_root = Path(settings.MEDIA_ROOT, "README.txt")
    for path in (elsewhere, at_root):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not an upload")
    _age(str(elsewhere), str(at_root))

    assert files.remove_orphan_files() == []
    assert elsewhere.exists() and at_root.exists()
    assert User.objects.get(pk=cast.staff.work_manager.pk).photo


def test_the_grace_period_comes_from_the_settings(cast, settings):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.update_user(
            cast.staff.operator,
            {"photo": pictures.upload(pictures.picture("PNG"), "a.png")},
            by=cast.staff.admin,
            expected_version=1,
        )
        raise RuntimeError
    orphans = _photo_files(settings)
    _age(*map(str, orphans), seconds=3 * 3600)

    settings.ORPHAN_FILE_GRACE_HOURS = 4
    assert files.remove_orphan_files() == []
    settings.ORPHAN_FILE_GRACE_HOURS = 2
    assert len(files.remove_orphan_files()) == 2
    assert _photo_files(settings) == set()


def test_links_in_an_upload_folder_are_neither_followed_nor_deleted(db, settings, tmp_path):
    outside = tmp_path / "shared-archive"
    outside.mkdir()
    victim = outside / "important.txt"
    victim.write_text("not Clientdesk's")
    photos = Path(settings.MEDIA_ROOT, "photos")
    photos.mkdir(parents=True)
    (photos / "archive").symlink_to(outside, target_is_directory=True)
    (photos / "linked.txt").symlink_to(victim)
    _age(str(victim))

    assert files.remove_orphan_files() == []
    assert victim.read_text() == "not Clientdesk's"
    assert (photos / "linked.txt").is_symlink()
