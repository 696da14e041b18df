"""The caller's own account, and staff accounts for administrators, over the API."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access import staff_manageable_by
from accounts.models import User
from api.views import ApiViewSet
from clients.access import client_of
from common import limits


class ClientBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(max_length=limits.NAME)


class MeSerializer(serializers.ModelSerializer):
    client = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "role", "title", "phone", "language", "client"]
        read_only_fields = fields

    @extend_schema_field(ClientBriefSerializer(allow_null=True))
    def get_client(self, user):
        client = client_of(user) if user.is_client_user else None
        return {"id": client.pk, "name": client.name} if client else None


class MeView(APIView):
    """Who the token or session belongs to."""

    serializer_class = MeSerializer

    def get(self, request):
        return Response(MeSerializer(request.user).data)


class StaffUserSerializer(serializers.ModelSerializer):
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
