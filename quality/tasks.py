"""Quality's jobs: the monthly request to clients to rate the services."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from quality.services import ratings


@db_periodic_task(crontab(day="1", hour=str(settings.DIGEST_HOUR), minute="15"))
def remind_to_rate_job() -> None:
    ratings.remind_monthly()
