from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.names import Names


class Template(Names):
    """An inspection form: work areas, each with the elements scored 1–5.

    Inspections copy the names and weights they were filled with, so editing
    a template (which raises its ``version``) never changes one that exists.
    """

    is_active = models.BooleanField(_("active"), default=True)
    is_default = models.BooleanField(
        _("default"),
        default=False,
        help_text=_("Used for sites without an inspection plan, and for client ratings there."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection template")
        verbose_name_plural = _("inspection templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="quality_template_one_default",
                violation_error_message=_("Only one template can be the default."),
            )
        ]


class Area(Names):
    """A work area of a template: entrance, sales area, offices, sanitary rooms…"""

    template = models.ForeignKey(
        Template, verbose_name=_("template"), on_delete=models.CASCADE, related_name="areas"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work area")
        verbose_name_plural = _("work areas")
        ordering = ["template_id", "position", "id"]


class Element(Names):
    """What is scored within an area: general, floor, skirting, glass up to 180 cm…"""

    area = models.ForeignKey(
        Area, verbose_name=_("work area"), on_delete=models.CASCADE, related_name="elements"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How much the element counts in the quality index, 1 to 10."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("element")
        verbose_name_plural = _("elements")
        ordering = ["area_id", "position", "id"]
