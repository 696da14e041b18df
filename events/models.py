from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoggedEvent(models.Model):
    """The audit trail of what happened: one row per published event, whatever it told.

    The field history (django-simple-history) says what changed; this says
    what was done ("corrective_action.solved"), by whom, to which record,
    with the words that went with it.
    """

    key = models.CharField(max_length=200, unique=True)
    name = models.CharField(_("event"), max_length=64)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    params = models.JSONField(default=dict, blank=True)
    happened_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["target_type", "target_id", "happened_at"])]

    def __str__(self):
        return self.name
