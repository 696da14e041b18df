"""The outbox's periodic jobs: sweep for due messages every minute, digests hourly,
and forget what is old nightly. (Sending one message is notifications.queue's job.)"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from notifications import digests, outbox, retention
from notifications.queue import send_delivery_job


@db_periodic_task(crontab(minute="*"))
def deliver_due_job() -> None:
    """Every minute: messages waiting for a retry, or whose job was lost, go out again."""
    for delivery_id in outbox.due_deliveries():
        send_delivery_job(delivery_id)


@db_periodic_task(crontab(minute="5"))
def send_digests_job() -> None:
    """Hourly, so a consumer that was stopped at digest time catches up within the hour."""
    digests.send_digests()


@db_periodic_task(crontab(minute="27", hour="3"))
def forget_old_notifications_job() -> None:
    """Nightly: finished outbox messages and old notifications are deleted (README: Retention)."""
    retention.forget_old_deliveries()
    retention.forget_old_notifications()
