"""Inspection templates over the API: the areas and elements, for forms and ratings."""

from rest_framework import mixins

from api.serializers import ModelSerializer
from api.views import ApiViewSet
from common.names import NAME_FIELDS
from quality import access
from quality.models import Area, Element, Template


class ElementSerializer(ModelSerializer):
    class Meta:
        model = Element
        fields = ["id", "position", *NAME_FIELDS, "weight"]
        read_only_fields = fields


class AreaSerializer(ModelSerializer):
    elements = ElementSerializer(many=True, read_only=True)

    class Meta:
        model = Area
        fields = ["id", "position", *NAME_FIELDS, "elements"]
        read_only_fields = fields


class TemplateSerializer(ModelSerializer):
    areas = AreaSerializer(many=True, read_only=True)

    class Meta:
        model = Template
        fields = ["id", *NAME_FIELDS, "is_default", "version", "areas"]
        read_only_fields = fields


class TemplateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The active inspection templates. They hold no client's data, so everyone reads them."""

    serializer_class = TemplateSerializer

    def get_queryset(self):
        return (
            access.templates_visible_to(self.request.user)
            .prefetch_related("areas__elements")
            .order_by("name", "pk")
        )
