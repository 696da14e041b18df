"""The base of every model serializer in the API."""

import copy
from collections.abc import Mapping

from rest_framework import serializers

from api.representation import representation


class ModelSerializer(serializers.ModelSerializer):
    """DRF's ``ModelSerializer`` with its fields built once per class.

    DRF reads the model and builds every field anew each time it makes a
    serializer, which a list does at every request: 2 ms for a corrective
    action with its people, more than serializing ten of them. A class's
    fields do not change while the app runs, so they are built once and each
    serializer gets its own copy (a field is bound to the serializer it is in;
    DRF copies its declared fields the same way).
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            # Another thread may build them too; either copy is the same.
            cls._built_fields = built
        return copy.deepcopy(built)

    def to_representation(self, instance):
        # The same output as DRF's, from a plan made once (api/representation.py);
        # a mapping (validated data) is read by key, as DRF reads it.
        if isinstance(instance, Mapping):
            return super().to_representation(instance)
        return representation(self, instance)
