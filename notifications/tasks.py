"""The outbox's jobs: send one message, sweep for due ones every minute, digests hourly."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from notifications import digests, outbox

logger = logging.getLogger(__name__)


@db_task()
def send_delivery_job(delivery_id: int) -> None:
    # Safe to run twice or at once with itself: send_delivery claims first.
    outbox.send_delivery(delivery_id)


def enqueue_delivery(delivery_id: int) -> None:
    """Hand a message to the job queue; if the queue is down, the sweep finds it anyway."""
    try:
        send_delivery_job(delivery_id)
    except Exception:  # the outbox row is the truth, the queue only a shortcut
        logger.exception("Could not queue delivery %s; the minute sweep will send it", delivery_id)


@db_periodic_task(crontab(minute="*"))
def deliver_due_job() -> None:
    """Every minute: messages waiting for a retry, or whose job was lost, go out again."""
    for delivery_id in outbox.due_deliveries():
        send_delivery_job(delivery_id)


@db_periodic_task(crontab(minute="5"))
def send_digests_job() -> None:
    """Hourly, so a consumer that was stopped at digest time catches up within the hour."""
    digests.send_digests()
