"""Serializer pieces every app's API uses."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers import ModelSerializer


class PersonSerializer(ModelSerializer):
    """A person as a contact: who they are and how to reach them."""

    class Meta:
        model = get_user_model()
        fields = ["id", "full_name", "title", "phone", "email"]
        read_only_fields = fields

    def to_representation(self, instance):
        # Written out rather than walked field by field: a page of corrective
        # actions names 150 people, and DRF's walk took 20 µs each. The same
        # output as the fields above (api/tests/test_person_field.py).
        return {
            "id": instance.pk,
            "full_name": instance.full_name,
            "title": instance.title,
            "phone": instance.phone,
            "email": instance.email,
        }


class VersionField(serializers.IntegerField):
    """The version the caller last read; a changed record refuses the edit (409)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("The record's version as you read it; if someone saved it since, you get 409."),
        )
        super().__init__(min_value=1, **kwargs)


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="machine-readable, e.g. validation_error, not_found")
    message = serializers.CharField(help_text="for people, in the Accept-Language language")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()
