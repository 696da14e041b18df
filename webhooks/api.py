"""Webhook subscriptions over the API: the same rules as the Webhooks page."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.serializers import ModelSerializer
from api.views import ApiViewSet
from webhooks import access, services
from webhooks.models import Attempt, Call, Subscription


class SubscriptionSerializer(ModelSerializer):
    events = serializers.ListField(child=serializers.CharField(max_length=64))

    class Meta:
        model = Subscription
        fields = ["id", "url", "description", "events", "is_active", "client", "created_at"]
        read_only_fields = ["id", "client", "created_at"]


class SubscriptionWithSecretSerializer(SubscriptionSerializer):
    """Shown to the subscription's managers: the secret that signs the calls."""

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = [*SubscriptionSerializer.Meta.read_only_fields, "secret"]


class AttemptSerializer(ModelSerializer):
    class Meta:
        model = Attempt
        fields = ["at", "status_code", "duration_ms", "error"]
        read_only_fields = fields


class CallSerializer(ModelSerializer):
    attempts = AttemptSerializer(source="attempt_log", many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "id",
            "event",
            "event_id",
            "status",
            "created_at",
            "sent_at",
            "last_error",
            "attempts",
        ]
        read_only_fields = fields


class SubscriptionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ApiViewSet
):
    """Your webhook subscriptions; calls are signed with each one's secret."""

    serializer_class = SubscriptionWithSecretSerializer

    def get_queryset(self):
        return access.subscriptions_visible_to(self.request.user).order_by("-created_at", "-pk")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not access.can_subscribe(request.user):
            raise PermissionDenied

    @extend_schema(
        request=SubscriptionSerializer, responses={201: SubscriptionWithSecretSerializer}
    )
    def create(self, request):
        serializer = SubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        subscription = services.subscribe(
            request.user,
            url=data["url"],
            events=data["events"],
            description=data.get("description", ""),
        )
        return Response(
            SubscriptionWithSecretSerializer(subscription).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=SubscriptionSerializer, responses={200: SubscriptionWithSecretSerializer}
    )
    def partial_update(self, request, pk=None):
        subscription = access.get_subscription_for(request.user, pk)
        serializer = SubscriptionSerializer(subscription, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {**SubscriptionSerializer(subscription).data, **serializer.validated_data}
        subscription = services.update_subscription(
            subscription,
            url=data["url"],
            events=data["events"],
            description=data["description"],
            is_active=data["is_active"],
        )
        return Response(SubscriptionWithSecretSerializer(subscription).data)

    def perform_destroy(self, instance):
        services.delete_subscription(instance)

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def ping(self, request, pk=None):
        services.ping(access.get_subscription_for(request.user, pk))
        return Response(status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={200: SubscriptionWithSecretSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        subscription = services.rotate_secret(access.get_subscription_for(request.user, pk))
        return Response(SubscriptionWithSecretSerializer(subscription).data)

    @extend_schema(request=None, responses={200: CallSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def calls(self, request, pk=None):
        subscription = access.get_subscription_for(request.user, pk)
        calls = subscription.calls.prefetch_related("attempt_log").order_by("-created_at", "-pk")
        page = self.paginate_queryset(calls)
        return self.get_paginated_response(CallSerializer(page, many=True).data)
