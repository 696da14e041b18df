"""How inspections, actions and ratings read over the API."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import PersonSerializer
from api.serializers import ModelSerializer
from common import limits
from common.names import pick
from quality.models import AreaRating, CorrectiveAction, Inspection, Photo, Rating, Score


def names_field():
    """A name in each language. A new field each time: one instance declared under two
    names is bound to the last, so both keys carried the same names."""
    return serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=limits.NAME),
        read_only=True,
        help_text="The name in each language (en, et, ru, zh-hans); empty means English.",
    )


class PhotoSerializer(ModelSerializer):
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Photo
        fields = ["id", "url", "thumbnail_url", "width", "height"]
        read_only_fields = fields

    def get_url(self, photo) -> str:
        return reverse("quality_files:photo", args=[photo.pk, "full"])

    def get_thumbnail_url(self, photo) -> str:
        return reverse("quality_files:photo", args=[photo.pk, "thumb"])


class ScoreSerializer(ModelSerializer):
    area = serializers.CharField(source="area_label", read_only=True, max_length=limits.NAME)
    element = serializers.CharField(source="element_label", read_only=True, max_length=limits.NAME)
    area_names = names_field()
    element_names = names_field()
    photos = PhotoSerializer(many=True, read_only=True)
    corrective_action = serializers.SerializerMethodField()

    class Meta:
        model = Score
        fields = [
            "id",
            "position",
            "area",
            "element",
            "area_names",
            "element_names",
            "weight",
            "score",
            "not_applicable",
            "remark",
            "photos",
            "corrective_action",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_corrective_action(self, score):
        action = getattr(score, "corrective_action", None)
        return action.pk if action else None


class InspectionSerializer(ModelSerializer):
    site_name = serializers.CharField(source="site.name", read_only=True, max_length=limits.NAME)
    template = serializers.CharField(
        source="template_label", read_only=True, max_length=limits.NAME
    )
    inspector = PersonSerializer(read_only=True)
    quality_index = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        coerce_to_string=False,
        read_only=True,
        allow_null=True,
        help_text="Weighted share of the top score, in per cent; null while a draft.",
    )
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id",
            "site",
            "site_name",
            "template",
            "template_version",
            "status",
            "inspector",
            "started_at",
            "published_at",
            "quality_index",
            "remarks",
            "report_url",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_report_url(self, inspection):
        if inspection.is_draft:
            return None
        return reverse("quality_files:report", args=[inspection.pk])


class InspectionDetailSerializer(InspectionSerializer):
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta(InspectionSerializer.Meta):
        fields = [*InspectionSerializer.Meta.fields, "scores"]
        read_only_fields = fields


class CorrectiveActionSerializer(ModelSerializer):
    # Read with the action by quality.queries.actions_for_api.
    site_name = serializers.CharField(read_only=True, max_length=limits.NAME)
    source = serializers.SerializerMethodField()
    inspection = serializers.SerializerMethodField()
    # "area · element"
    subject = serializers.CharField(read_only=True, max_length=2 * limits.NAME + 3)
    area_names = names_field()
    element_names = names_field()
    # Loaded for the page by quality.queries.api_action_rows, as are the photos;
    # an action read any other way would show them as null: read it through
    # the viewset (its rows()), as every path of quality/api/actions.py does.
    owner = PersonSerializer(source="owner_contact", read_only=True, allow_null=True)
    solved_by = PersonSerializer(source="solved_by_contact", read_only=True, allow_null=True)
    checked_by = PersonSerializer(source="checked_by_contact", read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    photos = PhotoSerializer(many=True, read_only=True, source="photo_list")

    class Meta:
        model = CorrectiveAction
        fields = [
            "id",
            "site",
            "site_name",
            "source",
            "inspection",
            "subject",
            "area_names",
            "element_names",
            "rated",
            "problem",
            "owner",
            "status",
            "opened_at",
            "due_at",
            "is_overdue",
            "escalated_at",
            "solution",
            "solved_at",
            "solved_by",
            "checked_at",
            "checked_by",
            "check_note",
            "times_reopened",
            "photos",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=["inspection", "client_rating"]))
    def get_source(self, action):
        return "client_rating" if action.from_client else "inspection"

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_inspection(self, action):
        # quality.queries.actions_for_api reads it with the action.
        return action.inspection_ref


class AreaRatingSerializer(ModelSerializer):
    area = serializers.SerializerMethodField()
    area_names = names_field()
    corrective_action = serializers.SerializerMethodField()

    class Meta:
        model = AreaRating
        fields = ["area", "area_names", "score", "remark", "corrective_action"]
        read_only_fields = fields

    def get_area(self, area_rating) -> str:
        return pick(area_rating.area_names)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_corrective_action(self, area_rating):
        action = getattr(area_rating, "corrective_action", None)
        return action.pk if action else None


class RatingSerializer(ModelSerializer):
    author = PersonSerializer(read_only=True)
    areas = AreaRatingSerializer(many=True, read_only=True)

    class Meta:
        model = Rating
        fields = ["id", "site", "author", "created_at", "comment", "areas"]
        read_only_fields = fields
