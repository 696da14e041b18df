from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from deadlines import services


@db_periodic_task(crontab(minute="*"))
def deadline_sweep_job() -> None:
    """Every minute: whatever had to happen by now and did not gets its consequence."""
    services.fire_due()
