"""Sending something once, and again later while the other side is down.

Used by the notification outbox and by webhook calls: models built on
``common.models.Retried`` with a ``status`` of pending / sending / sent /
failed, moved by the state machine ``machine()`` builds. A row is claimed
with a conditional update before it is sent, so two workers (or one job
run twice) send it once; a failure waits 1, 2, 4 … minutes (at most two
hours) and is retried until RETRY_HOURS have passed since the first
attempt, then it is failed with its reason.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from common import limits
from common.states import StateMachine, Transition
from common.text import shorten

logger = logging.getLogger(__name__)
# Reasons stored in English and shown in the reader's language.
INTERRUPTED = gettext_noop("The sending job stopped before it finished; sending again.")
SENT_AGAIN = gettext_noop("Sent again by an administrator.")
PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
# A worker that died mid-send leaves its claim behind; after this long the
# sweep hands the row to another worker.
STALE_CLAIM = timedelta(minutes=10)
MAX_RETRY_DELAY = timedelta(hours=2)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after each failed attempt, at most two hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_RETRY_DELAY)


def machine(
    model,
    *,
    send_again_from: tuple[str, ...] = (FAILED,),
    who=None,
    refused="",
    finishes: tuple[tuple[str, str], ...] = (("deliver", SENT), ("fail", FAILED)),
) -> StateMachine:
    """The state machine of something sent and retried, for ``model``'s ``status``.

    pending --claim--> sending --deliver--> sent, --fail--> failed (and any
    ``finishes``), --retry_later / hand_back--> pending; ``send_again_from``
    --send_again--> pending, taken by a person ``who`` permits.
    """
    return StateMachine(
        model,
        [
            Transition("claim", "claim", [PENDING], SENDING),
            *(Transition(name, name, [SENDING], target) for name, target in finishes),
            Transition("retry_later", "retry later", [SENDING], PENDING),
            Transition("hand_back", "hand back", [SENDING], PENDING),
            Transition(
                "send_again",
                _("Send again"),
                list(send_again_from),
                PENDING,
                who=who,
                refused=refused,
            ),
        ],
    )


def claim(states: StateMachine, pk: int) -> bool:
    """Take the row for sending if it is due and nobody has it; True if this caller got it."""
    now = timezone.now()
    return states.move_where(
        pk,
        "claim",
        where=Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        claimed_at=now,
        attempts=F("attempts") + 1,
        window_started_at=Coalesce("window_started_at", now),
    )


def finish(states: StateMachine, pk: int, name: str, reason: str = "") -> str:
    """End a claimed row with transition ``name`` (deliver, fail, cancel); returns the state."""
    target = states[name].target
    assert target is not None
    states.move_where(
        pk,
        name,
        sent_at=timezone.now() if target == SENT else None,
        last_error=shorten(reason, limits.ERROR),
        next_attempt_at=None,
    )
    return target


def failed(states: StateMachine, row, reason: str, *, permanent: bool) -> str:
    """Schedule the next attempt, or give up (FAILED) when permanent or out of time."""
    now = timezone.now()
    started = row.window_started_at or now
    if permanent or now - started >= timedelta(hours=settings.NOTIFICATION_RETRY_HOURS):
        return finish(states, row.pk, "fail", reason)
    states.move_where(
        row.pk,
        "retry_later",
        last_error=shorten(reason, limits.ERROR),
        next_attempt_at=now + retry_delay(row.attempts),
    )
    return PENDING


def due(states: StateMachine, now: datetime | None = None) -> list[int]:
    """The rows whose time has come, after handing back claims of dead workers."""
    now = now or timezone.now()
    states.move_all(
        "hand_back",
        where=Q(claimed_at__lt=now - STALE_CLAIM),
        next_attempt_at=now,
        last_error=INTERRUPTED,
    )
    return list(
        states.model._default_manager.filter(status=PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:1000]
    )


def send_again(states: StateMachine, row, *, by) -> None:
    """A person asks for another try: a fresh window of attempts, starting now.

    Refused with ``InvalidState`` (naming the current state) unless the row
    is in one of the machine's ``send_again`` source states.
    """
    with transaction.atomic():
        current = states.lock(row, "send_again")
        states.model._default_manager.filter(pk=current.pk).update(
            status=states["send_again"].target,
            next_attempt_at=timezone.now(),
            window_started_at=None,
            last_error=SENT_AGAIN,
        )


def enqueue(job, pk: int) -> None:
    """Hand a row to the job queue; if the queue is down, the minute sweep finds it anyway."""
    try:
        job(pk)
    except Exception:  # the row is the truth, the queue only a shortcut
        logger.exception("Could not queue %s(%s); the minute sweep will send it", job, pk)
