"""The caller's own account, and staff accounts for administrators, over the API;
and the staff-only fields every app's serializers share."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access import sees_internal, staff_manageable_by
from accounts.models import User
from api.serializers import ModelSerializer
from api.views import ApiViewSet
from common import limits


class StaffOnlyFieldsMixin:
    """Fields in ``staff_only`` (default: internal notes) are null unless the reader
    ``sees_internal``.

    The field stays in every answer, so the schema is one and strict; what a
    client may not read is never filled in. Who reads it is decided by
    ``accounts.access.sees_internal`` and nowhere else; a serializer without a
    request in its context has no reader, so it fills in none (fail closed).
    """

    staff_only = ("internal_notes",)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not sees_internal(getattr(request, "user", None)):
            for name in self.staff_only:
                data[name] = None
        return data


STAFF_ONLY_NOTES = serializers.CharField(
    read_only=True,
    allow_null=True,
    max_length=limits.NOTE,
    help_text="Provider staff only; null for client users.",
)


class ClientBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(max_length=limits.NAME)


class MeSerializer(ModelSerializer):
    client = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "role", "title", "phone", "language", "client"]
        read_only_fields = fields

    @extend_schema_field(ClientBriefSerializer(allow_null=True))
    def get_client(self, user):
        # The caller's own client, through the reverse one-to-one by its name:
        # this app sits below the clients app. Staff belong to none.
        membership = getattr(user, "membership", None) if user.is_client_user else None
        client = membership.client if membership is not None else None
        return {"id": client.pk, "name": client.name} if client else None


class MeView(APIView):
    """Who the token or session belongs to."""

    serializer_class = MeSerializer

    def get(self, request):
        return Response(MeSerializer(request.user).data)


class StaffUserSerializer(ModelSerializer):
    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "role",
            "title",
            "phone",
            "language",
            "is_active",
            "has_accepted_invitation",
            "version",
        ]
        read_only_fields = fields


class StaffUserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Provider staff accounts, for administrators."""

    serializer_class = StaffUserSerializer
    filterset_fields = ["role", "is_active"]
    ordering_fields = ["full_name", "date_joined"]

    def get_queryset(self):
        return staff_manageable_by(self.request.user).order_by("full_name", "pk")
