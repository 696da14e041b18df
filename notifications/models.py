"""What was told to whom, and the outbox that carries it by e-mail and SMS."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.links import record_url
from common.models import Retried


class EmailMode(models.TextChoices):
    OFF = "off", _("No e-mail")
    NOW = "now", _("At once")
    DIGEST = "digest", _("Daily digest")


class Notification(models.Model):
    """One event told to one person.

    The bell and the notification list show those with ``in_app``; e-mail and
    SMS copies go out through ``Delivery`` rows. ``params`` keeps the names and
    values the messages show as they were when the event happened, so the list
    renders without loading the records and reads the same later.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField(_("event"), max_length=64)
    # The same key for the same recipient is the same notification: an event
    # reported twice (a job run twice, a retried request) tells nobody twice.
    key = models.CharField(max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    in_app = models.BooleanField(default=True)
    email_mode = models.CharField(max_length=10, choices=EmailMode.choices, default=EmailMode.OFF)
    digest = models.ForeignKey(
        "Delivery",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="digest_items",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint("recipient", "key", name="notifications_once_per_recipient"),
        ]
        indexes = [
            # The bell counts a person's unread in-app notifications on every page.
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(in_app=True, read_at__isnull=True),
                name="notifications_unread",
            ),
            models.Index(
                fields=["recipient", "in_app", "-created_at", "-id"], name="notifications_list"
            ),
            # The digest job looks for what still waits for a digest.
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(email_mode="digest", digest__isnull=True),
                name="notifications_digest_waiting",
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.recipient}"

    def get_absolute_url(self):
        return record_url("notifications:open", self.pk)


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Delivery(Retried):
    """One message in the outbox: a notification (or a day's digest) to one address.

    A delivery is claimed with a conditional update before it is sent, so two
    jobs running at once send it once; a failed send waits with a growing
    delay and is retried, and only after the retry window is it marked failed,
    with the reason, for administrators to see.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Not needed")

    key = models.CharField(max_length=250, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # Empty for a digest, which carries the notifications pointing at it.
    notification = models.ForeignKey(
        Notification,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    address = models.CharField(_("address"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The minute sweep reads what is due, and what a dead worker left behind.
            models.Index(fields=["status", "next_attempt_at"], name="deliveries_due"),
            # The outbox, newest first, whole or by status.
            models.Index(fields=["-created_at", "-id"], name="deliveries_listed"),
            models.Index(fields=["status", "-created_at", "-id"], name="deliveries_by_status"),
        ]

    def __str__(self):
        return self.key

    @property
    def is_digest(self) -> bool:
        return self.notification_id is None

    def get_staff_url(self):
        return reverse("notifications:outbox") + f"?status={self.status}#delivery-{self.pk}"


class ChannelChoice(models.Model):
    """How a person (or, by default, a client's people) hears about one kind of event."""

    event = models.CharField(_("event"), max_length=64)
    in_app = models.BooleanField(_("in Clientdesk"), default=True)
    email = models.CharField(
        _("e-mail"), max_length=10, choices=EmailMode.choices, default=EmailMode.NOW
    )
    sms = models.BooleanField(_("SMS"), default=False)

    class Meta:
        abstract = True


class Preference(ChannelChoice):
    """A person's own choice for one event type; without one, the defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint("user", "event", name="notifications_preference_unique"),
        ]

    def __str__(self):
        return f"{self.user}: {self.event}"


class ClientDefault(ChannelChoice):
    """A client administrator's default for their users who have not chosen themselves."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="notification_defaults"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("client notification default")
        verbose_name_plural = _("client notification defaults")
        constraints = [
            models.UniqueConstraint("client", "event", name="notifications_client_default_unique"),
        ]

    def __str__(self):
        return f"{self.client}: {self.event}"
