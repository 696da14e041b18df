"""A serializer's output written from a plan made once, not by DRF's field-by-field walk.

DRF's ``Serializer.to_representation`` asks each field, for every record, to
find its value (``get_attribute``: a path walked with checks for mappings,
callables and missing objects) and to convert it; a page of 50 corrective
actions with 25 fields made 1,250 such walks, a third of the request. Most
fields are plain: a model column read by name and converted with ``str`` or
``int``. The plan reads those directly and converts them with the same rule
DRF's field uses, and a foreign key's id from its column (DRF's PKOnlyObject);
an attribute that is not a column (a property, a nested serializer's record)
is read by name, and asked of the field as DRF asks it only when it is missing
or a method; every other field (dotted sources, decimals, anything a
serializer overrides) is asked exactly as DRF asks it.
``api/tests/test_representation.py`` holds the output to DRF's own for every
serializer of the API.
"""

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.utils import timezone
from rest_framework import fields, relations, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

# What a field does to find its value unless it says otherwise.
_FIELD_GET_ATTRIBUTE = fields.Field.get_attribute

# One step of a plan: (output name, how to write the value from the record).
Step = tuple[str, Callable[[Any], Any]]
# A serializer's steps, and whether any may skip its field (only a field asked
# as DRF asks it can): the others' output needs no second look.
Plan = tuple[list[Step], bool]


def representation(serializer, instance) -> dict:
    """``instance`` as DRF's ``Serializer.to_representation`` writes it, from
    the plan of ``serializer`` (made at its first record, kept on it)."""
    plan = serializer.__dict__.get("_representation_plan")
    if plan is None:
        plan = serializer._representation_plan = _plan(serializer)
    steps, may_skip = plan
    data = {name: write(instance) for name, write in steps}
    if may_skip and any(value is _SKIP for value in data.values()):
        return {name: value for name, value in data.items() if value is not _SKIP}
    return data


def _plan(serializer) -> Plan:
    model = serializer.Meta.model
    steps, may_skip = [], False
    for field in serializer._readable_fields:
        write, asked = _writer(field, model)
        steps.append((field.field_name, write))
        may_skip = may_skip or asked
    return steps, may_skip


def _writer(field, model) -> tuple[Callable[[Any], Any], bool]:
    """How one field's value is written, and whether the field may be asked:
    read directly where DRF would only read an attribute by name (or a
    foreign key's column), asked of the field (as DRF asks) otherwise."""
    if type(field) is serializers.SerializerMethodField:
        # Its source is "*", the record itself, which is never None.
        return (lambda instance: getattr(field.parent, field.method_name)(instance)), False
    if len(field.source_attrs) != 1:
        return _asked(field), True
    name = field.source_attrs[0]
    try:
        column = model._meta.get_field(name)
    except FieldDoesNotExist:
        column = None
    if column is not None and (not column.concrete or column.many_to_many):
        column = None
    if isinstance(field, relations.RelatedField):
        if (
            type(field) is relations.PrimaryKeyRelatedField
            and column is not None
            and column.is_relation
            and field.pk_field is None
            and field.use_pk_only_optimization()
        ):
            # DRF's PKOnlyObject: the key column, without the related row.
            return _column(column.attname, _same), False
        return _asked(field), True
    # A field that finds its value its own way (a subclass's get_attribute) is asked.
    if type(field).get_attribute is not _FIELD_GET_ATTRIBUTE:
        return _asked(field), True
    if column is not None and not column.is_relation:
        # A column's value is never a callable or missing.
        return _column(column.attname, _converter(field)), False
    return _attribute(field, name, _converter(field)), True


def _asked(field) -> Callable[[Any], Any]:
    """The field asked as DRF's walk asks it (serializers.Serializer.to_representation)."""

    def write(instance):
        try:
            attribute = field.get_attribute(instance)
        except SkipField:
            return _SKIP
        value = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if value is None else field.to_representation(attribute)

    return write


def _column(attname: str, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def write(instance):
        value = getattr(instance, attname)
        return None if value is None else convert(value)

    return write


def _attribute(field, name: str, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An attribute by name (a property, a related record, rows a query set):
    where DRF would do more than read it (it is missing, or a method to
    call), the field is asked as DRF asks it."""
    asked = _asked(field)

    def write(instance):
        try:
            value = getattr(instance, name)
        except (AttributeError, ObjectDoesNotExist):
            return asked(instance)
        if callable(value):
            return asked(instance)
        return None if value is None else convert(value)

    return write


def _converter(field) -> Callable[[Any], Any]:
    make = _CONVERTERS.get(type(field))
    if make is not None:
        return make(field)
    if type(field) is serializers.DictField and type(field.child) is serializers.CharField:
        return _names
    return field.to_representation


def _names(value):
    # DictField with a CharField child, as DRF writes it.
    return {str(key): None if text is None else str(text) for key, text in value.items()}


def _same(value):
    return value


def _char(field):
    return str


def _integer(field):
    return int


def _boolean(field):
    # bool(value) for a column's True/False, DRF's own rule for anything else.
    def convert(value):
        return value if type(value) is bool else field.to_representation(value)

    return convert


def _choice(field):
    choices = field.choice_strings_to_values

    def convert(value):
        if value == "" or isinstance(value, Enum):
            return field.to_representation(value)
        return choices.get(str(value), value)

    return convert


def _datetime(field):
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    iso = isinstance(output_format, str) and output_format.lower() == fields.ISO_8601
    if not iso or hasattr(field, "timezone") or not settings.USE_TZ:
        return field.to_representation

    # The zone active when the plan is made: a serializer, and so its plan,
    # lives for one request (nothing of ours activates another zone meanwhile).
    zone = timezone.get_current_timezone()

    def convert(value):
        # An aware time in the active zone, as DateTimeField.enforce_timezone
        # makes it; anything else (empty, naive, a string) by the field itself.
        if not value or type(value) is not datetime or value.tzinfo is None:
            return field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return convert


# Exactly these classes: a subclass may convert differently, so it is asked.
_CONVERTERS: dict[type, Callable[[Any], Callable[[Any], Any]]] = {
    serializers.CharField: _char,
    serializers.EmailField: _char,
    serializers.URLField: _char,
    serializers.IntegerField: _integer,
    serializers.BooleanField: _boolean,
    serializers.ChoiceField: _choice,
    serializers.DateTimeField: _datetime,
    serializers.ReadOnlyField: lambda field: _same,
}


class _Skip:
    """A field ``get_attribute`` skipped: left out of the output, as DRF leaves it."""


_SKIP = _Skip()
