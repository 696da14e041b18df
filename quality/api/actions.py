"""Corrective actions over the API: read them; solve, verify or reopen one.

Who may act is asked of quality.access (403); whether the action may move is
the service's state machine (409 ``invalid_state``, the page's message).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.fields import VersionField
from api.views import ApiViewSet
from common import limits
from common.validators import multi_line
from quality import access, queries
from quality.api.serializers import CorrectiveActionSerializer
from quality.filters import ActionFilter
from quality.services import actions as services


class SolveSerializer(serializers.Serializer):
    solution = serializers.CharField(
        max_length=limits.COMMENT,
        validators=[multi_line],
        help_text="What was done; the client reads it.",
    )
    version = VersionField()


class CheckSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limits.REMARK,
        validators=[multi_line],
    )
    version = VersionField()


class CorrectiveActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Corrective actions of the sites you see, newest first."""

    serializer_class = CorrectiveActionSerializer
    filterset_class = ActionFilter

    def get_queryset(self):
        return queries.actions_for_api(self.request.user)

    def rows(self, objects):
        return queries.api_action_rows(objects)

    def _respond(self, action_):
        found = self.rows([self.get_queryset().get(pk=action_.pk)])[0]
        return Response(CorrectiveActionSerializer(found).data)

    @extend_schema(request=SolveSerializer, responses={200: CorrectiveActionSerializer})
    @action(detail=True, methods=["post"])
    def solve(self, request, pk=None):
        found = access.get_action_for(request.user, pk)
        if not access.can_solve(request.user, found):
            raise PermissionDenied
        data = self._valid(SolveSerializer, request)
        solved = services.solve(
            found, by=request.user, solution=data["solution"], expected_version=data["version"]
        )
        return self._respond(solved)

    @extend_schema(request=CheckSerializer, responses={200: CorrectiveActionSerializer})
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._check(request, pk, services.verify)

    @extend_schema(request=CheckSerializer, responses={200: CorrectiveActionSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._check(request, pk, services.reopen)

    def _check(self, request, pk, decide):
        found = access.get_action_for(request.user, pk)
        if not access.can_check(request.user, found):
            raise PermissionDenied
        data = self._valid(CheckSerializer, request)
        return self._respond(
            decide(found, by=request.user, note=data["note"], expected_version=data["version"])
        )

    @staticmethod
    def _valid(serializer_class, request) -> dict:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
