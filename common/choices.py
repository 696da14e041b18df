"""``get_<field>_display()`` from a dict built once per field, for every model.

Django's own builds a dict from the field's choices on every call and hashes
each label on the way: a lazy label is translated to be hashed, so a user's
role (11 choices) cost 11 translations and about 60 µs each time a list shows
it. Django lets a model define ``get_<field>_display`` itself (it then keeps
it), which is what ``fast_choice_labels`` does for every model's choice fields,
once the models are loaded (``CommonConfig.ready``). The label is the same
object Django returns: the choice's label in the active language, or the value
itself when it is not one of the choices.
"""

from functools import partialmethod

from django.apps import apps
from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str


def _labels(field: models.Field) -> dict | None:
    """Each stored value's label, or None when a value cannot be a dict key (Django's then)."""
    labels = field.__dict__.get("_clientdesk_labels", False)
    if labels is False:
        try:
            labels = dict(field.flatchoices)
        except TypeError:
            labels = None
        field.__dict__["_clientdesk_labels"] = labels
    return labels


def _display(instance: models.Model, *, field: models.Field):
    labels = _labels(field)
    if labels is None:
        return instance._get_FIELD_display(field)
    value = getattr(instance, field.attname)
    try:
        label = labels.get(value, value)
    except TypeError:  # an unhashable value: Django makes it hashable first
        return instance._get_FIELD_display(field)
    return force_str(label, strings_only=True)


def fast_choice_labels() -> None:
    """Replace Django's ``get_<field>_display`` with ``_display`` where a model kept Django's.

    A method the model defines itself is left alone, as Django leaves it, and
    so are choices given as a callable, which Django asks again on each call.
    The labels of other choices are read once: a field's choices do not
    change while the app runs.
    """
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not field.choices or isinstance(field.choices, CallableChoiceIterator):
                continue
            name = f"get_{field.name}_display"
            if isinstance(model.__dict__.get(name), partialmethod):
                setattr(model, name, partialmethod(_display, field=field))
