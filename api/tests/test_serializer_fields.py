"""One field instance declared under two names is bound to the last name, so both keys
carry the same value (scores' ``element_names`` held the area's names). No serializer of
the project may do that."""

from rest_framework import serializers

import api.urls  # noqa: F401  (imports every resource's serializers)


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
