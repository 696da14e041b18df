"""A webhook call's states: waiting, sending, delivered, failed (common.retries)."""

from django.utils.translation import gettext_lazy as _

from common import retries
from webhooks.access import can_send_call_again
from webhooks.models import Call

CALLS = retries.machine(
    Call,
    who=can_send_call_again,
    refused=_("Only a failed call can be sent again."),
)
