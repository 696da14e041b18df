"""What the clients app's API modules share."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from api.filtering import SEARCH_MAX_LENGTH
from clients import access

SEARCH = OpenApiParameter(
    "q",
    {"type": "string", "maxLength": SEARCH_MAX_LENGTH},
    description="Search in names (and addresses, codes).",
)


def changes_and_version(serializer) -> tuple[dict, int]:
    """The fields a PATCH sends, and the version it was based on (required)."""
    data = dict(serializer.validated_data)
    version = data.pop("version", None)
    if version is None:
        raise serializers.ValidationError({"version": [_("Send the version you last read.")]})
    return data, version


class ScopedChoicesMixin:
    """Related ids a caller may name are only those they may use: another client's id
    gets the same "does not exist" as a missing one, so ids cannot be probed.

    Without a request (generating the schema) there is no caller, so no id is
    accepted: the access functions give nothing to anyone they cannot name.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if "client" in self.fields:
            self.fields["client"].queryset = access.clients_nameable_by(user)
        if "sites" in self.fields:
            self.fields["sites"].child_relation.queryset = access.sites_visible_to(user)
