from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import Site, SiteRecord
from common import limits
from common.links import record_url
from common.names import pick
from common.validators import long_text

# "If a service is scored 2 or lower, the work manager must find a solution at once."
POOR = 2
# Hours to solve, by score, when the administrators have set nothing else.
DEFAULT_HOURS = {1: 4, 2: 24}


def lacking_owner() -> models.Q:
    """Corrective actions that are open, whose owner was deactivated and whose
    site has no active work manager to take them over (a list row's
    ``lacks_owner``: quality.queries.shown_actions)."""
    return models.Q(status=CorrectiveAction.Status.OPEN, owner__is_active=False) & ~models.Q(
        site__work_manager__is_active=True
    )


class ActionDeadline(models.Model):
    """How long the work manager has to solve a corrective action opened by a score."""

    score = models.PositiveSmallIntegerField(
        _("score"),
        unique=True,
        choices=[(n, str(n)) for n in range(1, POOR + 1)],
    )
    hours = models.PositiveIntegerField(
        _("hours to solve"), validators=[MinValueValidator(1), MaxValueValidator(24 * 30)]
    )

    class Meta:
        verbose_name = _("corrective action deadline")
        verbose_name_plural = _("corrective action deadlines")
        ordering = ["score"]

    def __str__(self):
        return f"{self.score}: {self.hours} h"


class CorrectiveAction(SiteRecord):
    """The provider's promise: a poor score is fixed by a deadline, visibly to the client."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SOLVED = "solved", _("Solved, awaiting check")
        VERIFIED = "verified", _("Verified")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="corrective_actions"
    )
    # Opened by an inspection's element or by a client's rating of an area.
    score = models.OneToOneField(
        "quality.Score",
        verbose_name=_("inspection score"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrective_action",
    )
    area_rating = models.OneToOneField(
        "quality.AreaRating",
        verbose_name=_("client rating"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrective_action",
    )
    area_names = models.JSONField(_("work area"), default=dict)
    element_names = models.JSONField(_("element"), default=dict, blank=True)
    rated = models.PositiveSmallIntegerField(_("score"))
    problem = models.TextField(
        _("problem"), blank=True, max_length=limits.REMARK, validators=long_text(limits.REMARK)
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    due_at = models.DateTimeField(_("deadline"))
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    solution = models.TextField(
        _("solution"), blank=True, max_length=limits.COMMENT, validators=long_text(limits.COMMENT)
    )
    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    solved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("solved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    check_note = models.TextField(
        _("check note"), blank=True, max_length=limits.REMARK, validators=long_text(limits.REMARK)
    )
    times_reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    # The list's order, kept by the database: open (overdue ones first, by
    # deadline), then awaiting check, then verified. A stored column with an
    # index makes a page of the list one index range at any size.
    queue = models.GeneratedField(
        expression=models.Case(
            models.When(status="open", then=models.Value(0)),
            models.When(status="solved", then=models.Value(1)),
            default=models.Value(2),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "queue", "client"])
    # Set on the rows of a list by quality.queries.shown_actions (the rule of
    # lacking_owner()) and flag_needs_new_owner.
    lacks_owner: bool
    needs_new_owner: bool

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["site", "status", "due_at"]),
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["queue", "due_at", "id"], name="quality_action_queue"),
            models.Index(
                fields=["site", "queue", "due_at", "id"], name="quality_action_site_queue"
            ),
            # A client's actions: the list by client, and the API's newest first.
            models.Index(
                fields=["client", "queue", "due_at", "id"], name="quality_action_client_queue"
            ),
            models.Index(fields=["client", "-id"], name="quality_action_client_new"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=False, area_rating__isnull=True)
                | models.Q(score__isnull=True, area_rating__isnull=False),
                name="quality_action_has_one_source",
            )
        ]

    def __str__(self):
        return self.subject

    @property
    def subject(self) -> str:
        element = pick(self.element_names)
        area = pick(self.area_names)
        return f"{area} · {element}" if element else area

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    @property
    def from_client(self) -> bool:
        return self.area_rating_id is not None

    def get_staff_url(self):
        return record_url("quality:action_detail", self.pk)

    def get_portal_url(self):
        return record_url("portal_quality:action_detail", self.pk)
