from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from api import idempotency


@db_periodic_task(crontab(minute="17", hour="3"))
def forget_idempotency_keys_job() -> None:
    """Nightly: answers kept for retries are dropped after a day."""
    idempotency.forget_old()
