"""Serializer pieces every app's API uses."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from common import limits


class PersonSerializer(serializers.ModelSerializer):
    """A person as a contact: who they are and how to reach them."""

    class Meta:
        model = User
        fields = ["id", "full_name", "title", "phone", "email"]
        read_only_fields = fields


class StaffOnlyFieldsMixin:
    """Fields in ``Meta.staff_only`` (default: internal notes) are null for client users.

    The field stays in every answer, so the schema is one and strict; what a
    client may not read is never filled in, decided here and nowhere else.
    """

    staff_only = ("internal_notes",)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.is_provider_staff:
            for name in self.staff_only:
                data[name] = None
        return data


STAFF_ONLY_NOTES = serializers.CharField(
    read_only=True,
    allow_null=True,
    max_length=limits.NOTE,
    help_text="Provider staff only; null for client users.",
)


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
