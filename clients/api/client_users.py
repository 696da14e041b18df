"""A client's users over the API: invited and changed by whoever manages the client."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts import services as account_services
from accounts.models import User
from accounts.roles import CLIENT_ROLE_CHOICES
from api.fields import VersionField
from api.serializers import ModelSerializer
from api.views import ApiViewSet
from clients import access, services
from clients.api.shared import ScopedChoicesMixin, changes_and_version
from clients.models import Client, Membership, Site
from common import limits
from common.validators import single_line, validate_phone


class ClientUserSerializer(ModelSerializer):
    """A client's user: the person, their role, and the sites a site contact sees."""

    id = serializers.IntegerField(read_only=True)
    user = serializers.IntegerField(source="user_id", read_only=True)
    full_name = serializers.CharField(
        source="user.full_name", read_only=True, max_length=limits.PERSON_NAME
    )
    email = serializers.EmailField(source="user.email", read_only=True)
    role = serializers.CharField(source="user.role", read_only=True, max_length=32)
    phone = serializers.CharField(source="user.phone", read_only=True, max_length=limits.PHONE)
    language = serializers.CharField(source="user.language", read_only=True, max_length=10)
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
    # The querysets are ScopedChoicesMixin's to set; none until it knows the caller.
    client = serializers.PrimaryKeyRelatedField(
        queryset=Client.objects.none(),
        required=False,
        help_text="Staff name the client; a client administrator invites into their own.",
    )
    full_name = serializers.CharField(max_length=limits.PERSON_NAME, validators=[single_line])
    email = serializers.EmailField(max_length=User._meta.get_field("email").max_length)
    role = serializers.ChoiceField(choices=CLIENT_ROLE_CHOICES)
    phone = serializers.CharField(
        max_length=limits.PHONE,
        required=False,
        allow_blank=True,
        validators=[validate_phone],
        help_text="Stored in international format, e.g. +372 5123 4567.",
    )
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    sites = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), many=True, required=False
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
        """A client administrator invites into their own client; staff name one they manage."""
        user = self.request.user
        own = access.client_administered_by(user)
        if own is not None:
            if requested is not None and requested != own:
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
        changes, version = changes_and_version(serializer)
        sites = changes.pop("sites", None)
        changes.pop("client", None)
        membership = services.update_client_user(
            membership, changes, by=request.user, expected_version=version, sites=sites
        )
        membership = self.get_queryset().get(pk=membership.pk)
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
