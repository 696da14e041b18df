"""Saving an edit only when nobody else saved the same record in the meantime.

Each editable record carries a ``version`` counter. The edit form remembers
the version it was loaded at; saving locks the row, compares, and refuses a
stale edit with a clear message instead of silently overwriting a colleague's
change. The refused form is shown again with everything the person typed.
"""

import copy

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from common import files
from common.audit import set_author
from common.errors import ServiceError, StaleEdit

STALE_EDIT_MESSAGE = _(
    "Someone else saved this record while you were editing it. Your changes are "
    "still in the form: open the record in a new tab to see theirs, then save again."
)


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)


class VersionedModelForm(forms.ModelForm):
    """A model form with the hidden ``loaded_version`` the record had when the form opened."""

    def __init__(self, data=None, files=None, *, instance, **kwargs):
        # Validation writes the typed values onto the instance; give it a copy
        # so the caller's record still says what is stored when the service
        # compares old and new (a role change, a stale version).
        super().__init__(data, files, instance=copy.copy(instance), **kwargs)
        self.fields["loaded_version"] = VersionField(
            initial=self.instance.version if self.instance.pk else 1
        )

    def values(self) -> dict:
        """The model fields of a new record, as typed."""
        return {
            name: value for name, value in self.cleaned_data.items() if name != "loaded_version"
        }

    def changes(self) -> dict:
        """The model fields the person actually changed."""
        changes = {}
        for name in self.changed_data:
            if name == "loaded_version" or name not in (self._meta.fields or ()):
                continue
            value = self.cleaned_data[name]
            # A cleared file input gives False; the model field wants "no file".
            # (Only file inputs: an unticked checkbox is a real False.)
            is_file = isinstance(self.fields[name], forms.FileField)
            changes[name] = "" if value is False and is_file else value
        return changes


def save_changes(instance, changes: dict, *, by, expected_version: int):
    """Apply ``changes`` to ``instance`` unless it changed meanwhile.

    Returns the saved, fresh instance. Raises StaleEdit when the record's
    version is no longer ``expected_version``, and ServiceError when the
    result breaks a rule of the model (a taken registry code, a bad phone
    number): forms check those first, the API relies on this. The history
    row records ``by``.
    """
    model = instance._meta.model
    with transaction.atomic():
        # select_for_update serialises two saves on PostgreSQL; SQLite runs
        # write transactions one at a time anyway (transaction_mode IMMEDIATE).
        current = model.objects.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleEdit(STALE_EDIT_MESSAGE)
        apply_changes(current, changes, by=by)
    return current


def apply_changes(current, changes: dict, *, by, when=None) -> None:
    """Write ``changes`` onto the locked row ``current`` and save it, one version up.

    Checks the model's own rules first (``ServiceError`` naming the field);
    a replaced or cleared file goes once the new one is surely stored. Used
    by ``save_changes`` and by ``common.states`` transitions; ``when`` dates
    the history row (``set_author``).
    """
    replaced = files.replaced_files(current, changes)
    for name, value in changes.items():
        setattr(current, name, value)
    _check(current)
    if hasattr(current, "version"):
        current.version += 1
    set_author(current, by=by, when=when)
    current.save()
    files.delete_on_commit(replaced)


def _check(instance) -> None:
    # Passwords are not edited here and an unusable one does not validate.
    exclude = ["password"] if hasattr(instance, "password") else None
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ServiceError(
            " ".join(messages), field=None if field == NON_FIELD_ERRORS else field
        ) from error
