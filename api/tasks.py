from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from api import idempotency


@db_periodic_task(crontab(minute="17"))
def forget_idempotency_keys_job() -> None:
    """Hourly: answers kept for retries go after IDEMPOTENCY_RETENTION_HOURS (README: Retention)."""
    idempotency.forget_old()
