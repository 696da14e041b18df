"""Serializers' fields: built once per class, and never one instance under two names.

One field instance declared under two names is bound to the last name, so both keys
carry the same value (scores' ``element_names`` held the area's names). No serializer of
the project may do that."""

import pytest
from rest_framework import serializers

import api.urls  # noqa: F401  (imports every resource's serializers)
from api.serializers import ModelSerializer


def project_serializers(cls=serializers.BaseSerializer):
    for sub in cls.__subclasses__():
        if not sub.__module__.startswith(("rest_framework", "drf_spectacular")):
            yield sub
        yield from project_serializers(sub)


def test_no_serializer_declares_one_field_instance_twice():
    shared = {
        f"{cls.__module__}.{cls.__name__}"
        for cls in project_serializers()
        if len({id(f) for f in getattr(cls, "_declared_fields", {}).values()})
        != len(getattr(cls, "_declared_fields", {}))
    }
    assert not shared
    assert any(cls.__name__ == "ScoreSerializer" for cls in project_serializers())


def model_serializers():
    return [
        cls
        for cls in project_serializers(serializers.ModelSerializer)
        if getattr(getattr(cls, "Meta", None), "model", None) is not None
    ]


def test_every_model_serializer_builds_its_fields_once():
    assert len(model_serializers()) > 15
    assert not [cls for cls in model_serializers() if not issubclass(cls, ModelSerializer)]


@pytest.mark.django_db  # a related field's repr shows its queryset
def test_a_serializers_fields_built_once_are_the_fields_drf_builds_each_time():
    for cls in model_serializers():
        first, again = cls().fields, cls().fields
        fresh = serializers.ModelSerializer.get_fields(cls())
        assert list(first) == list(fresh), cls
        for name, field in fresh.items():
            assert repr(first[name]) == repr(field), (cls, name)
            # Each serializer binds fields of its own.
            assert first[name] is not again[name] and first[name].parent is not again[name].parent
