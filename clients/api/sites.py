"""Sites over the API: clients' people read theirs; managers add and change them."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from accounts.api import STAFF_ONLY_NOTES, StaffOnlyFieldsMixin
from api.fields import PersonSerializer, VersionField
from api.filtering import search_text
from api.serializers import ModelSerializer
from api.views import ApiViewSet
from clients import access, queries, services
from clients.api.shared import SEARCH, ScopedChoicesMixin, changes_and_version
from clients.forms import SiteForm
from clients.models import Site

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


class SiteSerializer(StaffOnlyFieldsMixin, ModelSerializer):
    service_director = PersonSerializer(read_only=True, allow_null=True)
    work_manager = PersonSerializer(read_only=True, allow_null=True)
    internal_notes = STAFF_ONLY_NOTES

    class Meta:
        model = Site
        fields = [*SITE_FIELDS, "internal_notes"]
        read_only_fields = fields


class SiteWriteSerializer(ScopedChoicesMixin, ModelSerializer):
    version = VersionField(required=False)

    class Meta:
        model = Site
        # What the desk's site form edits, plus the client a new site belongs to.
        fields = ["client", *SiteForm.Meta.fields, "version"]
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sites are added to the clients one manages: a client one only sees
        # reads like another's, "does not exist" (400), not a 404 of the URL.
        user = getattr(self.context.get("request"), "user", None)
        self.fields["client"].queryset = access.clients_manageable_by(user)


@extend_schema_view(list=extend_schema(parameters=[SEARCH]))
class SiteViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ApiViewSet
):
    """Sites you may see; managers of the client add and change them."""

    # For the schema only; get_queryset() picks the records.
    queryset = Site.objects.none()
    ordering_fields = ["name", "created_at"]
    filterset_fields = ["client", "status", "service_director", "work_manager"]

    def get_queryset(self):
        # A client's people see only active staff as contacts (the same query as the portal).
        sites = queries.sites_with_contacts(self.request.user)
        query = search_text(self.request)
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
        changes, version = changes_and_version(serializer)
        site = services.update_site(site, changes, by=request.user, expected_version=version)
        return Response(SiteSerializer(site, context=self.get_serializer_context()).data)
