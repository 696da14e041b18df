from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from common import files


@db_periodic_task(crontab(minute="41", hour="3"))
def remove_orphan_files_job() -> None:
    """Nightly: uploaded files no record refers to, older than the grace period, are deleted."""
    files.remove_orphan_files()
