"""Clients over the API: the same access and services as the desk pages."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.api import STAFF_ONLY_NOTES, StaffOnlyFieldsMixin
from api.fields import PersonSerializer, VersionField
from api.filtering import search_text
from api.serializers import ModelSerializer
from api.views import ApiViewSet
from clients import access, queries, services
from clients.api.shared import SEARCH, changes_and_version
from clients.forms import ClientForm
from clients.models import Client

CLIENT_FIELDS = [
    "id",
    "kind",
    "name",
    "registry_code",
    "language",
    "address",
    "email",
    "phone",
    "phone_secondary",
    "account_manager",
    "is_active",
    "created_at",
    "version",
]


class ClientSerializer(StaffOnlyFieldsMixin, ModelSerializer):
    account_manager = PersonSerializer(read_only=True, allow_null=True)
    internal_notes = STAFF_ONLY_NOTES
    # Optional: an empty string when the client has none.
    email = serializers.CharField(read_only=True, max_length=254)

    class Meta:
        model = Client
        fields = [*CLIENT_FIELDS, "internal_notes"]
        read_only_fields = fields


class ClientWriteSerializer(ModelSerializer):
    version = VersionField(required=False)

    class Meta:
        model = Client
        # What the desk's client form edits, and nothing else.
        fields = [*ClientForm.Meta.fields, "version"]
        # Uniqueness is the service's and the database's to decide.
        validators = []


@extend_schema_view(list=extend_schema(parameters=[SEARCH]))
class ClientViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ApiViewSet
):
    """Clients you may see; the administrator registers them, their managers edit them."""

    # For the schema only; get_queryset() picks the records.
    queryset = Client.objects.none()
    ordering_fields = ["name", "created_at"]
    ordering = ["name"]
    filterset_fields = ["kind", "is_active", "account_manager"]

    def get_queryset(self):
        query = search_text(self.request)
        user = self.request.user
        clients = queries.client_list(user, query).order_by("name", "pk")
        return queries.with_account_manager(clients, user)

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return ClientWriteSerializer
        return ClientSerializer

    @extend_schema(responses={201: ClientSerializer})
    def create(self, request):
        if not access.can_create_clients(request.user):
            raise PermissionDenied
        serializer = ClientWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        fields = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        client = services.create_client(by=request.user, **fields)
        return Response(
            ClientSerializer(client, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ClientWriteSerializer, responses={200: ClientSerializer})
    def partial_update(self, request, pk=None):
        client = access.get_manageable_client_for(request.user, pk)
        serializer = ClientWriteSerializer(
            client, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        changes, version = changes_and_version(serializer)
        if "account_manager" in changes and not access.can_assign_account_manager(request.user):
            raise PermissionDenied(_("Only an administrator assigns account managers."))
        client = services.update_client(client, changes, by=request.user, expected_version=version)
        return Response(ClientSerializer(client, context=self.get_serializer_context()).data)
