"""Uploaded files live exactly as long as a record refers to them.

A file replaced or cleared in an edit is deleted once the edit commits (a
rollback keeps it, since the old row still refers to it). Whatever escapes
that, such as a file written by a save whose transaction then failed or the
files of a deleted row, is found by :func:`remove_orphan_files`, which a
nightly job runs: it lists the files under each file field's upload folder
and deletes those no row of any model refers to, once they are older than
ORPHAN_FILE_GRACE_HOURS (a file being uploaded right now is not referred to
yet either).
"""

import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone

log = logging.getLogger(__name__)


def delete_on_commit(files: Iterable[tuple[Storage, str]]) -> None:
    """Delete these stored files once the current transaction commits; never on rollback."""
    files = [(storage, name) for storage, name in files if name]
    if not files:
        return

    def delete() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete)


def replaced_files(instance: models.Model, changes: dict) -> list[tuple[Storage, str]]:
    """The files ``instance`` refers to now that ``changes`` would replace or clear."""
    found = []
    for name, new in changes.items():
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(field, models.FileField):
            continue
        old = getattr(instance, field.attname)
        if old and getattr(new, "name", new) != old.name:
            found.append((old.storage, old.name))
    return found


def file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every file and image field of every installed model, so new apps need no registering."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                found.append((model, field))
    return found


def remove_orphan_files(*, older_than: timedelta | None = None) -> list[str]:
    """Delete uploaded files that no record refers to and that are older than the grace period.

    Returns the names deleted. Files are listed before the references are
    read, so a file saved in between is young and kept; folders whose upload
    path cannot be worked out are left alone.
    """
    if older_than is None:
        older_than = timedelta(hours=settings.ORPHAN_FILE_GRACE_HOURS)
    cutoff = timezone.now() - older_than
    deleted = []
    for storage, folders in _upload_folders().items():
        candidates = [
            name
            for folder, recursive in sorted(folders)
            for name in _walk(storage, folder, recursive)
            if _modified(storage, name) < cutoff
        ]
        if not candidates:
            continue
        referenced = _referenced_names(storage)
        for name in candidates:
            if name not in referenced:
                storage.delete(name)
                deleted.append(name)
    if deleted:
        log.info("Deleted %s uploaded files no record refers to.", len(deleted))
    return deleted


def _upload_folders() -> dict[Storage, set[tuple[str, bool]]]:
    """Per storage, the folder each file field uploads to (its first path segment)."""
    folders: dict[Storage, set[tuple[str, bool]]] = defaultdict(set)
    for model, field in file_fields():
        try:
            sample = field.generate_filename(model(), "orphan-check.jpg")
        except Exception:
            # An upload_to that needs a saved, related record: its files are
            # kept rather than guessed at.
            log.warning("No upload folder for %s; its orphans are kept.", field, exc_info=True)
            continue
        folder, slash, _rest = sample.partition("/")
        # A field that uploads to the root: only files at the root, never all of it.
        folders[field.storage].add((folder, True) if slash else ("", False))
    return folders


def _walk(storage: Storage, folder: str, recursive: bool) -> Iterator[str]:
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    # A link may lead out of the media folder (a mounted archive, say): what
    # lies behind it is not ours to judge, so the walk neither follows nor
    # deletes links.
    for name in files:
        if not _is_link(storage, prefix + name):
            yield prefix + name
    if recursive:
        for directory in directories:
            if not _is_link(storage, prefix + directory):
                yield from _walk(storage, prefix + directory, True)


def _is_link(storage: Storage, name: str) -> bool:
    try:
        path = storage.path(name)
    except NotImplementedError:  # object storage has no links
        return False
    return os.path.islink(path)


def _modified(storage: Storage, name: str) -> datetime:
    modified = storage.get_modified_time(name)
    return modified if timezone.is_aware(modified) else timezone.make_aware(modified)


def _referenced_names(storage: Storage) -> set[str]:
    names: set[str] = set()
    for model, field in file_fields():
        if field.storage is not storage:
            continue
        # The base manager: a manager that hides rows (archived, scoped) must
        # not make their files look unused.
        rows = model._base_manager.exclude(**{field.attname: ""}).exclude(
            **{f"{field.attname}__isnull": True}
        )
        names.update(rows.values_list(field.attname, flat=True).iterator(chunk_size=5000))
    return names
