"""A person's own notifications over the API: list, read one, read all."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from api.filtering import flag
from api.serializers import ModelSerializer
from api.views import ApiViewSet
from common import limits
from notifications import access, queries, rendering, services
from notifications.models import Notification


class NotificationSerializer(ModelSerializer):
    title = serializers.SerializerMethodField(help_text="What happened, in your language.")
    url = serializers.SerializerMethodField(help_text="The record's page in Clientdesk.")
    actor = serializers.CharField(
        source="actor.full_name", default=None, read_only=True, max_length=limits.PERSON_NAME
    )

    class Meta:
        model = Notification
        fields = ["id", "event", "title", "params", "actor", "url", "created_at", "read_at"]
        read_only_fields = fields

    def get_title(self, notification) -> str:
        return rendering.title(notification)

    def get_url(self, notification) -> str:
        return rendering.open_url(notification)


class ReadAllSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("unread", bool, description="Only the unread ones.")]
    )
)
class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Your in-app notifications, newest first; ``?unread=true`` for the unread ones."""

    serializer_class = NotificationSerializer
    ordering = "-created_at"

    def get_queryset(self):
        unread = flag(self.request, "unread") if self.action == "list" else False
        return queries.notification_list(self.request.user, unread_only=unread)

    @extend_schema(request=None, responses={200: NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = access.get_notification_for(request.user, pk)
        services.mark_read(notification)
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: ReadAllSerializer})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": services.mark_all_read(request.user)})
