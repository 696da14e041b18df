"""Inspections over the API: read them; inspectors start, answer, add photos and submit."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.parsers import JSONParser, MultiPartParser
from api.views import ApiViewSet
from clients.access import sites_visible_to
from common import limits
from common.errors import ServiceError
from common.validators import multi_line
from quality import access
from quality.api.serializers import (
    InspectionDetailSerializer,
    InspectionSerializer,
    PhotoSerializer,
)
from quality.filters import InspectionFilter
from quality.models import Inspection, Photo, Score
from quality.services import inspections as services

ANSWER_VALUES = ["1", "2", "3", "4", "5", "na", ""]


class StartSerializer(serializers.Serializer):
    site = serializers.PrimaryKeyRelatedField(queryset=sites_visible_to(None))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["site"].queryset = access.sites_inspectable_by(request.user)


class AnswerSerializer(serializers.Serializer):
    score = serializers.IntegerField(help_text="The id of one of the inspection's scores.")
    value = serializers.ChoiceField(
        choices=ANSWER_VALUES, help_text='"1"–"5", "na" for not applicable, "" to clear.'
    )
    remark = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limits.REMARK,
        validators=[multi_line],
    )


class AnswersSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True, allow_empty=False)


class PhotoUploadSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    photo = serializers.FileField(help_text="A JPEG, PNG or WebP picture.")


class InspectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ApiViewSet
):
    """Inspections of the sites you see. Client users see published ones only."""

    filterset_class = InspectionFilter
    ordering_fields = ["published_at", "started_at", "quality_index"]

    def get_queryset(self):
        inspections = access.inspections_visible_to(self.request.user).select_related(
            "site", "inspector"
        )
        if self.action != "list":
            inspections = inspections.prefetch_related(
                Prefetch(
                    "scores",
                    queryset=Score.objects.select_related("corrective_action").prefetch_related(
                        "photos"
                    ),
                )
            )
        return inspections.order_by("-published_at", "-started_at", "-pk")

    def get_serializer_class(self):
        return InspectionSerializer if self.action == "list" else InspectionDetailSerializer

    def _draft(self, pk) -> Inspection:
        inspection = access.get_inspection_for(self.request.user, pk)
        if not access.can_fill(self.request.user, inspection):
            raise PermissionDenied(_("Only the person who started a draft fills it in."))
        return inspection

    def _detail(self, pk, status_code=status.HTTP_200_OK):
        inspection = self.get_queryset().get(pk=pk)
        return Response(InspectionDetailSerializer(inspection).data, status=status_code)

    @extend_schema(request=StartSerializer, responses={201: InspectionDetailSerializer})
    def create(self, request):
        """Start a draft inspection of a site you may inspect (or get your open draft)."""
        serializer = StartSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        inspection = services.start(serializer.validated_data["site"], by=request.user)
        return self._detail(inspection.pk, status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        """Delete your draft; published inspections stay."""
        services.discard(self._draft(pk), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=AnswersSerializer, responses={200: InspectionDetailSerializer})
    @action(detail=True, methods=["post"])
    def answers(self, request, pk=None):
        """Save answers to a draft's elements; send only those that changed."""
        inspection = self._draft(pk)
        serializer = AnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        scores = {s.pk: s for s in inspection.scores.all()}
        answers = serializer.validated_data["answers"]
        unknown = [a["score"] for a in answers if a["score"] not in scores]
        if unknown:
            raise serializers.ValidationError(
                {
                    "answers": [
                        _("These scores are not part of this inspection: %(ids)s.")
                        % {"ids": ", ".join(map(str, unknown))}
                    ]
                }
            )
        for answer in answers:
            services.answer(
                scores[answer["score"]],
                by=request.user,
                value=answer["value"],
                remark=answer["remark"],
            )
        return self._detail(inspection.pk)

    @extend_schema(
        request={"multipart/form-data": PhotoUploadSerializer}, responses={201: PhotoSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, JSONParser])
    def photos(self, request, pk=None):
        """Add a photo to one element of a draft."""
        inspection = self._draft(pk)
        serializer = PhotoUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        score = inspection.scores.filter(pk=serializer.validated_data["score"]).first()
        if score is None:
            raise serializers.ValidationError(
                {"score": [_("This score is not part of this inspection.")]}
            )
        try:
            photo = services.add_photo(score, serializer.validated_data["photo"], by=request.user)
        except ServiceError as error:
            raise serializers.ValidationError({"photo": [error.message]}) from error
        return Response(PhotoSerializer(Photo.objects.get(pk=photo.pk)).data, status=201)

    @extend_schema(request=None, responses={200: InspectionDetailSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Publish the draft: the client sees it, and every 2 or lower opens an action."""
        inspection = services.submit(self._draft(pk), by=request.user)
        return self._detail(inspection.pk)
