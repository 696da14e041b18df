"""Serializer pieces every app's API uses."""

from typing import NamedTuple

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
            "id": instance.id,
            "full_name": instance.full_name,
            "title": instance.title,
            "phone": instance.phone,
            "email": instance.email,
        }


class Contact(NamedTuple):
    """A person's columns that PersonSerializer writes, read as values."""

    id: int
    full_name: str
    title: str
    phone: str
    email: str


def load_contacts[T](rows: list[T], relations: tuple[str, ...]) -> list[T]:
    """Set ``<relation>_contact`` on every row: the ``Contact`` of the person
    its foreign key ``relation`` names, or None. One query of values for the
    whole page, and no user records: a page of corrective actions names up to
    150 people, and building a record for each cost more than writing them."""
    ids = {getattr(row, f"{relation}_id") for row in rows for relation in relations} - {None}
    people = get_user_model().objects.filter(pk__in=ids).order_by().values_list(*Contact._fields)
    found = {person[0]: Contact(*person) for person in people} if ids else {}
    for row in rows:
        for relation in relations:
            setattr(row, f"{relation}_contact", found.get(getattr(row, f"{relation}_id")))
    return rows


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
