from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from common import retries
from webhooks import services


@db_task()
def send_call_job(call_id: int) -> None:
    # Safe to run twice: send_call claims the call first.
    services.send_call(call_id)


def enqueue_call(call_id: int) -> None:
    retries.enqueue(send_call_job, call_id)


@db_periodic_task(crontab(minute="*"))
def deliver_due_calls_job() -> None:
    """Every minute: webhook calls whose retry is due, or whose job was lost."""
    for call_id in services.due_calls():
        send_call_job(call_id)
