"""Clients, sites and client users over the API: the same access and services as the pages."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts import services as account_services
from accounts.roles import CLIENT_ROLE_CHOICES, Role
from api.fields import STAFF_ONLY_NOTES, PersonSerializer, StaffOnlyFieldsMixin, VersionField
from api.views import ApiViewSet
from clients import access, queries, services
from clients.models import Client, Membership, Site

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


class ClientSerializer(StaffOnlyFieldsMixin, serializers.ModelSerializer):
    account_manager = PersonSerializer(read_only=True, allow_null=True)
    internal_notes = STAFF_ONLY_NOTES
    # Optional: an empty string when the client has none.
    email = serializers.CharField(read_only=True)

    class Meta:
        model = Client
        fields = [*CLIENT_FIELDS, "internal_notes"]
        read_only_fields = fields


class ClientWriteSerializer(serializers.ModelSerializer):
    version = VersionField(required=False)

    class Meta:
        model = Client
        fields = [
            "kind",
            "name",
            "registry_code",
            "language",
            "address",
            "email",
            "phone",
            "phone_secondary",
            "account_manager",
            "internal_notes",
            "version",
        ]
        # Uniqueness is the service's and the database's to decide.
        validators = []


def _changes(serializer) -> tuple[dict, int]:
    """The fields a PATCH sends, and the version it was based on (required)."""
    data = dict(serializer.validated_data)
    version = data.pop("version", None)
    if version is None:
        raise serializers.ValidationError({"version": [_("Send the version you last read.")]})
    return data, version


SEARCH = OpenApiParameter("q", str, description="Search in names (and addresses, codes).")


@extend_schema_view(list=extend_schema(parameters=[SEARCH]))
class ClientViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ApiViewSet
):
    """Clients you may see; the administrator registers them, their managers edit them."""

    ordering_fields = ["name", "created_at"]
    ordering = ["name"]
    filterset_fields = ["kind", "is_active", "account_manager"]

    def get_queryset(self):
        query = self.request.query_params.get("q", "")
        return queries.client_list(self.request.user, query).order_by("name", "pk")

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
        changes, version = _changes(serializer)
        if "account_manager" in changes and not access.can_assign_account_manager(request.user):
            raise PermissionDenied(_("Only an administrator assigns account managers."))
        client = services.update_client(client, changes, by=request.user, expected_version=version)
        return Response(ClientSerializer(client, context=self.get_serializer_context()).data)


SITE_FIELDS = [
    "id",
    "client",
    "name",
    "address",
    "status",
    "service_director",
    "work_manager",
    "created_at",
    "version",
]


class SiteSerializer(StaffOnlyFieldsMixin, serializers.ModelSerializer):
    service_director = PersonSerializer(read_only=True, allow_null=True)
    work_manager = PersonSerializer(read_only=True, allow_null=True)
    internal_notes = STAFF_ONLY_NOTES

    class Meta:
        model = Site
        fields = [*SITE_FIELDS, "internal_notes"]
        read_only_fields = fields


class ScopedChoicesMixin:
    """Related ids a caller may name are only those they may use: another client's id
    gets the same "does not exist" as a missing one, so ids cannot be probed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:  # generating the schema
            return
        user = request.user
        if "client" in self.fields:
            self.fields["client"].queryset = (
                access.clients_manageable_by(user)
                if user.is_provider_staff
                else access.clients_visible_to(user)
            )
        if "sites" in self.fields:
            self.fields["sites"].child_relation.queryset = access.sites_visible_to(user)


class SiteWriteSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    version = VersionField(required=False)

    class Meta:
        model = Site
        fields = [
            "client",
            "name",
            "address",
            "status",
            "service_director",
            "work_manager",
            "internal_notes",
            "version",
        ]
        validators = []


@extend_schema_view(list=extend_schema(parameters=[SEARCH]))
class SiteViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ApiViewSet
):
    """Sites you may see; managers of the client add and change them."""

    ordering_fields = ["name", "created_at"]
    filterset_fields = ["client", "status", "service_director", "work_manager"]

    def get_queryset(self):
        sites = access.sites_visible_to(self.request.user).select_related(
            "service_director", "work_manager"
        )
        query = self.request.query_params.get("q", "").strip()
        if query:
            sites = sites.filter(name__icontains=query) | sites.filter(address__icontains=query)
        return sites.order_by("name", "pk")

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return SiteWriteSerializer
        return SiteSerializer

    @extend_schema(responses={201: SiteSerializer})
    def create(self, request):
        serializer = SiteWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        fields = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        client = access.get_manageable_client_for(request.user, fields.pop("client").pk)
        site = services.create_site(client, by=request.user, **fields)
        return Response(
            SiteSerializer(site, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=SiteWriteSerializer, responses={200: SiteSerializer})
    def partial_update(self, request, pk=None):
        site = access.get_manageable_site_for(request.user, pk)
        serializer = SiteWriteSerializer(
            site, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        changes, version = _changes(serializer)
        if "client" in changes and changes.pop("client") != site.client:
            raise serializers.ValidationError(
                {"client": [_("A site cannot move to another client.")]}
            )
        site = services.update_site(site, changes, by=request.user, expected_version=version)
        return Response(SiteSerializer(site, context=self.get_serializer_context()).data)


class ClientUserSerializer(serializers.ModelSerializer):
    """A client's user: the person, their role, and the sites a site contact sees."""

    id = serializers.IntegerField(read_only=True)
    user = serializers.IntegerField(source="user_id", read_only=True)
    full_name = serializers.CharField(source="user.full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    role = serializers.CharField(source="user.role", read_only=True)
    phone = serializers.CharField(source="user.phone", read_only=True)
    language = serializers.CharField(source="user.language", read_only=True)
    is_active = serializers.BooleanField(source="user.is_active", read_only=True)
    has_accepted_invitation = serializers.BooleanField(
        source="user.has_accepted_invitation", read_only=True
    )
    version = serializers.IntegerField(source="user.version", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "client",
            "full_name",
            "email",
            "role",
            "phone",
            "language",
            "sites",
            "is_active",
            "has_accepted_invitation",
            "version",
        ]
        read_only_fields = fields


class ClientUserWriteSerializer(ScopedChoicesMixin, serializers.Serializer):
    client = serializers.PrimaryKeyRelatedField(
        queryset=Client.objects.all(),
        required=False,
        help_text="Staff name the client; a client administrator invites into their own.",
    )
    full_name = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=CLIENT_ROLE_CHOICES)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    sites = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(), many=True, required=False
    )
    version = VersionField(required=False)


class ClientUserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """A client's users: invited, changed and deactivated by whoever manages the client."""

    filterset_fields = ["client"]
    serializer_class = ClientUserSerializer

    def get_queryset(self):
        return (
            access.memberships_visible_to(self.request.user)
            .select_related("user")
            .prefetch_related("sites")
            .order_by("user__full_name", "pk")
        )

    def _manageable(self, pk) -> Membership:
        return access.get_membership_for(self.request.user, pk)

    def _target_client(self, requested: Client | None) -> Client:
        user = self.request.user
        if user.role == Role.CLIENT_ADMIN:
            own = access.client_of(user)
            if own is None or (requested is not None and requested != own):
                raise PermissionDenied
            return own
        if requested is None:
            raise serializers.ValidationError({"client": [_("Name the client.")]})
        return access.get_manageable_client_for(user, requested.pk)

    @extend_schema(request=ClientUserWriteSerializer, responses={201: ClientUserSerializer})
    def create(self, request):
        serializer = ClientUserWriteSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        client = self._target_client(data.get("client"))
        membership = services.invite_client_user(
            by=request.user,
            client=client,
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            sites=data.get("sites", []),
            language=data.get("language"),
            phone=data.get("phone", ""),
        )
        return Response(ClientUserSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ClientUserWriteSerializer, responses={200: ClientUserSerializer})
    def partial_update(self, request, pk=None):
        membership = self._manageable(pk)
        serializer = ClientUserWriteSerializer(
            data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        changes, version = _changes(serializer)
        sites = changes.pop("sites", None)
        changes.pop("client", None)
        membership = services.update_client_user(
            membership, changes, by=request.user, expected_version=version, sites=sites
        )
        membership = get_object_or_404(self.get_queryset(), pk=membership.pk)
        return Response(ClientUserSerializer(membership).data)

    @extend_schema(request=None, responses={200: ClientUserSerializer})
    @action(detail=True, methods=["post"], url_path="resend-invitation")
    def resend_invitation(self, request, pk=None):
        membership = self._manageable(pk)
        account_services.resend_invitation(membership.user, by=request.user)
        return Response(ClientUserSerializer(membership).data)

    @extend_schema(request=None, responses={200: ClientUserSerializer})
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        return self._set_active(pk, False)

    @extend_schema(request=None, responses={200: ClientUserSerializer})
    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        return self._set_active(pk, True)

    def _set_active(self, pk, active: bool):
        membership = self._manageable(pk)
        account_services.set_active(membership.user, active, by=self.request.user)
        membership.user.refresh_from_db()
        return Response(ClientUserSerializer(membership).data)
