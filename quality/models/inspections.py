from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import STAFF_LIMIT, Site, SiteRecord
from common import limits
from common.links import record_url
from common.names import pick
from common.validators import long_text
from quality.models.templates import Template

SCORES = [(n, str(n)) for n in range(1, 6)]
score_validators = [MinValueValidator(1), MaxValueValidator(5)]


class InspectionPlan(models.Model):
    """How often a site is inspected, with which template and by whom."""

    class Unit(models.TextChoices):
        DAYS = "days", _("days")
        WEEKS = "weeks", _("weeks")

    site = models.OneToOneField(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="inspection_plan"
    )
    template = models.ForeignKey(
        Template,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        limit_choices_to={"is_active": True},
    )
    every = models.PositiveSmallIntegerField(
        _("every"), default=4, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.WEEKS)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=STAFF_LIMIT,
    )
    starts_on = models.DateField(_("first inspection"))
    # Kept by the services when an inspection is published or the plan
    # changes, so the schedule reads one indexed column instead of the
    # latest inspection of every site (quality.services.plans.refresh).
    last_inspected_at = models.DateTimeField(_("last inspected"), null=True, editable=False)
    # None while the site is not active: a paused or closed site's plan would
    # otherwise stay overdue at the front of the schedule's index for ever.
    due_on = models.DateField(_("next inspection"), null=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "last_inspected_at", "due_on"])

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        indexes = [models.Index(fields=["due_on", "id"], name="quality_plan_due")]

    def __str__(self):
        return str(self.site)

    def save(self, *args, **kwargs):
        # A new plan however made is on the schedule from its first date on,
        # if its site is active; the services move the date on and take it off
        # while the site is not active (quality.services.plans.refresh).
        if self._state.adding and self.due_on is None and self.site.status == Site.Status.ACTIVE:
            self.due_on = self.next_due_on()
        super().save(*args, **kwargs)

    @property
    def interval_days(self) -> int:
        return self.every * (7 if self.unit == self.Unit.WEEKS else 1)

    def next_due_on(self) -> date:
        """One interval after the last published inspection, or the first date if none."""
        if self.last_inspected_at is None:
            return self.starts_on
        return timezone.localdate(self.last_inspected_at) + timedelta(days=self.interval_days)

    @property
    def last_on(self) -> date | None:
        return timezone.localdate(self.last_inspected_at) if self.last_inspected_at else None

    @property
    def days_late(self) -> int:
        return (timezone.localdate() - self.due_on).days if self.due_on else 0

    @property
    def is_overdue(self) -> bool:
        return self.days_late > 0


class Inspection(SiteRecord):
    """One visit by an inspector: a draft while filled in, published when submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="inspections"
    )
    template = models.ForeignKey(
        Template, verbose_name=_("template"), on_delete=models.SET_NULL, null=True, blank=True
    )
    template_version = models.PositiveIntegerField(_("template version"))
    template_names = models.JSONField(_("template"), default=dict)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # When the list shows it: published, or started while a draft. Stored and
    # indexed, so a page of the inspection list is one index range at any size.
    listed_at = models.GeneratedField(
        expression=Coalesce("published_at", "started_at"),
        output_field=models.DateTimeField(),
        db_persist=True,
    )
    quality_index = models.DecimalField(
        _("quality index"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    remarks = models.TextField(
        _("remarks and suggestions"),
        blank=True,
        max_length=limits.COMMENT,
        validators=long_text(limits.COMMENT),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "listed_at", "client"])

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-listed_at", "-id"]
        indexes = [
            models.Index(fields=["site", "status", "-published_at"]),
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["-listed_at", "-id"], name="quality_inspection_listed"),
            models.Index(
                fields=["site", "-listed_at", "-id"], name="quality_inspection_site_listed"
            ),
            # A client's inspections: the list by client, and the API's newest first.
            models.Index(
                fields=["client", "-listed_at", "-id"], name="quality_inspection_client_list"
            ),
            models.Index(fields=["client", "-id"], name="quality_inspection_client_new"),
        ]

    def __str__(self):
        when = self.published_at or self.started_at
        return f"{self.site} · {when:%Y-%m-%d}" if when else str(self.site)

    @property
    def template_label(self) -> str:
        return pick(self.template_names)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def get_staff_url(self):
        # The author of a draft is taken on to the form from there.
        return record_url("quality:inspection_detail", self.pk)

    def get_portal_url(self):
        return record_url("portal_quality:inspection_detail", self.pk)


class Score(models.Model):
    """One element of an inspection, with the names and weight it had when inspected."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="scores"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    area_names = models.JSONField(_("work area"), default=dict)
    element_names = models.JSONField(_("element"), default=dict)
    weight = models.PositiveSmallIntegerField(_("weight"))
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, choices=SCORES, validators=score_validators
    )
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    remark = models.TextField(
        _("remark"), blank=True, max_length=limits.REMARK, validators=long_text(limits.REMARK)
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["inspection_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "position"], name="quality_score_position_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__gte=1, score__lte=5, not_applicable=False),
                name="quality_score_range",
            ),
        ]

    def __str__(self):
        return f"{self.area_label} · {self.element_label}"

    @property
    def area_label(self) -> str:
        return pick(self.area_names)

    @property
    def element_label(self) -> str:
        return pick(self.element_names)

    @property
    def is_answered(self) -> bool:
        return self.not_applicable or self.score is not None

    @property
    def is_poor(self) -> bool:
        return self.score is not None and self.score <= 2


def _photo_path(instance, filename):
    return f"quality/{filename}"


class Photo(models.Model):
    """A re-encoded picture, without location data, with its thumbnail.

    It belongs to an inspection's score or to a corrective action's solution.
    """

    score = models.ForeignKey(
        Score, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    action = models.ForeignKey(
        "quality.CorrectiveAction",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ImageField(
        _("photo"), upload_to=_photo_path, width_field="width", height_field="height"
    )
    thumbnail = models.ImageField(upload_to=_photo_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=False, action__isnull=True)
                | models.Q(score__isnull=True, action__isnull=False),
                name="quality_photo_has_one_owner",
            )
        ]

    def __str__(self):
        return self.image.name
