from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from events import retention


@db_periodic_task(crontab(minute="47", hour="3"))
def forget_old_events_job() -> None:
    """Nightly: events older than EVENT_LOG_RETENTION_DAYS leave the audit trail."""
    retention.forget_old_events()
