from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from webhooks import retention, sending
from webhooks.queue import send_call_job


@db_periodic_task(crontab(minute="*"))
def deliver_due_calls_job() -> None:
    """Every minute: webhook calls whose retry is due, or whose job was lost."""
    for call_id in sending.due_calls():
        send_call_job(call_id)


@db_periodic_task(crontab(minute="37", hour="3"))
def forget_old_calls_job() -> None:
    """Nightly: the log of finished calls and rotated-out secrets go (README: Retention)."""
    retention.forget_old_calls()
    retention.forget_expired_previous_secrets()
