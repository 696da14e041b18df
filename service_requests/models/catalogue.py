"""What administrators name for every request: its kinds and the tree of topics."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.names import Names


class Procedure(models.TextChoices):
    """How a request of a kind is handled (seed 002 and the short path)."""

    # Check and complete, review the history, determine the nonconformity,
    # contact the client, report, acceptance.
    COMPLAINT = "complaint", _("The complaint procedure")
    # Answer, then closed: praise, questions, information.
    SHORT = "short", _("Answer and close")


class Acceptance(models.TextChoices):
    """Who accepts a resolution report (seed 002, variants A and B)."""

    REVIEWER = "reviewer", _("A reviewer accepts it or returns it for rework")
    HANDOVER = "handover", _("Handed over to the client, which counts as accepted")


class RequestKind(Names):
    """Order, complaint, praise, question, other information, and what
    administrators add: each with its procedure and its usual acceptance
    (a client may be given another)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, default=Procedure.SHORT
    )
    acceptance = models.CharField(
        _("acceptance"), max_length=20, choices=Acceptance.choices, default=Acceptance.REVIEWER
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request kind")
        verbose_name_plural = _("request kinds")
        ordering = ["position", "code"]


class Topic(Names):
    """A topic of the classification tree ("Cleaning › Floors"), which
    complaints are counted and ranked by."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def clean(self):
        """A topic is not its own ancestor: the tree has no loops."""
        seen = {self.pk} if self.pk else set()
        parent = self.parent
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError(
                    {"parent": _("A topic cannot be placed under itself or one of its own topics.")}
                )
            seen.add(parent.pk)
            parent = parent.parent
