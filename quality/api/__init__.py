"""Quality monitoring over the API: the same access functions and services as the pages."""

from quality.api.actions import CorrectiveActionViewSet
from quality.api.inspections import InspectionViewSet
from quality.api.ratings import RatingViewSet
from quality.api.templates import TemplateViewSet

__all__ = ["CorrectiveActionViewSet", "InspectionViewSet", "RatingViewSet", "TemplateViewSet"]
