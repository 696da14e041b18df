"""Webhook subscriptions, and the log of every call made to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import limits
from common.links import record_url
from common.models import Retried
from common.validators import single_line
from webhooks.encryption import EncryptedSecretField


class Subscription(models.Model):
    """A URL that receives signed calls when chosen events happen.

    An administrator's subscription (no client) hears of every client; a
    client administrator's hears only of what its owner may see.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(
        _("description"), max_length=limits.NAME, blank=True, validators=[single_line]
    )
    events = models.JSONField(_("events"), default=list)
    # Both secrets are stored encrypted (webhooks/encryption.py).
    secret = EncryptedSecretField()
    # After a rotation the old secret still signs for a while, so the
    # receiver can switch without missing a call.
    previous_secret = EncryptedSecretField(blank=True)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.url

    def get_absolute_url(self):
        return record_url("webhooks:detail", self.pk)


class Call(Retried):
    """One event sent (or to be sent) to one subscription, retried until it is taken."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Delivered")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="calls")
    event = models.CharField(_("event"), max_length=64)
    event_id = models.CharField(max_length=200)
    payload = models.JSONField()
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One event reaches one subscription once, however often it is reported.
            models.UniqueConstraint("subscription", "event_id", name="webhooks_call_once"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_calls_due"),
            models.Index(
                fields=["subscription", "-created_at", "-id"], name="webhook_calls_listed"
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.subscription_id}"


class Attempt(models.Model):
    """What happened when a call was made: the answer's status and how long it took."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(null=True)
    duration_ms = models.PositiveIntegerField()
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.call_id}: {self.status_code or self.error}"
