"""Handing a webhook call to the job queue: the one job that makes one call."""

from huey.contrib.djhuey import db_task

from common import retries
from webhooks import sending


@db_task()
def send_call_job(call_id: int) -> None:
    # Safe to run twice: send_call claims the call first.
    sending.send_call(call_id)


def enqueue_call(call_id: int) -> None:
    """Queue the call now; if the queue is down, the minute sweep makes it anyway."""
    retries.enqueue(send_call_job, call_id)
