"""Handing a message to the job queue: the one job that sends one outbox message.

Producers (``notify``, digests, sending again) import this module; it imports
only the sending side (``outbox``), so the two never import each other.
"""

from django.db import transaction
from huey.contrib.djhuey import db_task

from common import retries
from notifications import outbox


@db_task()
def send_delivery_job(delivery_id: int) -> None:
    # Safe to run twice or at once with itself: send_delivery claims first.
    outbox.send_delivery(delivery_id)


def enqueue_delivery(delivery_id: int) -> None:
    """Queue the message now; if the queue is down, the minute sweep sends it anyway."""
    retries.enqueue(send_delivery_job, delivery_id)


def enqueue_after_commit(delivery_id: int) -> None:
    """Queue the message once the surrounding transaction has committed."""
    transaction.on_commit(lambda: enqueue_delivery(delivery_id))
