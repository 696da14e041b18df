from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Deadline(models.Model):
    """A moment by which something must have happened to a record.

    The app that owns the record sets it (``deadlines.services.watch``) and
    says what to do when it passes (``deadlines.registry.on_due``); the
    minute sweep does that once, however many consumers run it.
    """

    kind = models.CharField(_("kind"), max_length=64)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    due_at = models.DateTimeField(_("due"))
    fired_at = models.DateTimeField(_("passed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(
                "kind", "target_type", "target_id", name="deadlines_one_per_kind_and_record"
            ),
        ]
        indexes = [
            # The sweep reads only what has not passed yet.
            models.Index(
                fields=["due_at"], condition=Q(fired_at__isnull=True), name="deadlines_open"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.target_type_id}:{self.target_id} @ {self.due_at:%Y-%m-%d %H:%M}"
