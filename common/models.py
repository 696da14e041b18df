from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import limits


class Retried(models.Model):
    """The fields common.retries works on: something sent once, retried while it fails.

    The concrete model adds ``status`` with at least pending, sending, sent
    and failed, and an index on (status, next_attempt_at) for the sweep.
    """

    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The retry window starts at the first attempt; "send again" restarts it.
    window_started_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Written by the sender, cut to the limit (common.retries), never typed by a person.
    last_error = models.TextField(
        _("reason"),
        blank=True,
        max_length=limits.ERROR,
        validators=[MaxLengthValidator(limits.ERROR)],
    )

    class Meta:
        abstract = True
