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
