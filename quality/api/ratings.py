"""Client ratings over the API: client users rate their sites; staff read the ratings."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from api.views import ApiViewSet
from clients.access import sites_visible_to
from common import limits
from common.validators import multi_line
from quality import access
from quality.api.serializers import RatingSerializer
from quality.services import ratings as services


class AreaScoreSerializer(serializers.Serializer):
    area = serializers.IntegerField(help_text="A work area id of the site's template.")
    score = serializers.IntegerField(min_value=1, max_value=5)
    remark = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limits.REMARK,
        validators=[multi_line],
    )


class RateSerializer(serializers.Serializer):
    site = serializers.PrimaryKeyRelatedField(queryset=sites_visible_to(None))
    areas = AreaScoreSerializer(many=True, allow_empty=False)
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limits.COMMENT,
        validators=[multi_line],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # None without a request (the schema): the access function fails closed.
        request = self.context.get("request")
        self.fields["site"].queryset = access.sites_rateable_by(getattr(request, "user", None))


class RatingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Ratings of the sites you see. A score of 2 or lower opens a corrective action."""

    serializer_class = RatingSerializer
    filterset_fields = ["site"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return (
            access.ratings_visible_to(self.request.user)
            .select_related("author")
            .prefetch_related("areas__corrective_action")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(request=RateSerializer, responses={201: RatingSerializer})
    def create(self, request):
        serializer = RateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        scores = {}
        for item in data["areas"]:
            if item["area"] in scores:
                raise serializers.ValidationError({"areas": [_("Rate each area once.")]})
            scores[item["area"]] = (item["score"], item["remark"])
        rating = services.rate(
            data["site"], by=request.user, scores=scores, comment=data["comment"]
        )
        return Response(
            RatingSerializer(self.get_queryset().get(pk=rating.pk)).data,
            status=status.HTTP_201_CREATED,
        )
