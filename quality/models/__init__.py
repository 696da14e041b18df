"""Quality monitoring: templates, inspections, corrective actions and client ratings."""

from quality.models.actions import ActionDeadline, CorrectiveAction
from quality.models.inspections import Inspection, InspectionPlan, Photo, Score
from quality.models.ratings import AreaRating, Rating
from quality.models.templates import Area, Element, Template

__all__ = [
    "ActionDeadline",
    "Area",
    "AreaRating",
    "CorrectiveAction",
    "Element",
    "Inspection",
    "InspectionPlan",
    "Photo",
    "Rating",
    "Score",
    "Template",
]
