"""Account e-mails go out from the job queue, retried while the mail server is down."""

from huey.contrib.djhuey import db_task

from accounts import mail
from accounts.models import User

# About a day of retries with a fixed 15-minute pause; the notifications
# issue replaces this with the outbox and growing delays.
RETRIES, RETRY_DELAY = 96, 900


@db_task(retries=RETRIES, retry_delay=RETRY_DELAY)
def send_invitation_job(user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    # Someone who already set a password needs no invitation any more.
    if user is not None and not user.has_usable_password():
        mail.send_invitation(user)


@db_task(retries=RETRIES, retry_delay=RETRY_DELAY)
def send_password_reset_job(user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        mail.send_password_reset(user)
