"""Old notifications and outbox messages are deleted; nothing still owed to anyone is."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from common.retention import delete_in_batches
from notifications import digests, retention, tasks
from notifications.models import Channel, Delivery, EmailMode, Notification

START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def days_later(days: float):
    return time_machine.travel(START + timedelta(days=days), tick=False)


def notification(user, key, **fields) -> Notification:
    return Notification.objects.create(recipient=user, event="site.team_changed", key=key, **fields)


def delivery(user, key, status, *, notification=None, claimed_days=None) -> Delivery:
    row = Delivery.objects.create(
        recipient=user,
        key=key,
        channel=Channel.EMAIL,
        address=user.email,
        notification=notification,
        status=status,
    )
    if claimed_days is not None:
        Delivery.objects.filter(pk=row.pk).update(claimed_at=START + timedelta(days=claimed_days))
    return row


def keys(model) -> set[str]:
    return set(model.objects.values_list("key", flat=True))


def test_read_notifications_go_after_a_year_and_unread_ones_in_the_bell_after_two(cast):
    user = cast.admin_a.user
    with days_later(0):
        notification(user, "read", read_at=timezone.now())
        notification(user, "unread")
        notification(user, "mail-only", in_app=False)
    with days_later(300):
        notification(user, "recent", read_at=timezone.now())

    with days_later(364):
        tasks.forget_old_notifications_job()
    assert keys(Notification) == {"read", "unread", "mail-only", "recent"}

    with days_later(366):
        tasks.forget_old_notifications_job()
        tasks.forget_old_notifications_job()  # a second run (or consumer) finds nothing more
    assert keys(Notification) == {"unread", "recent"}

    with days_later(731):
        tasks.forget_old_notifications_job()
    assert keys(Notification) == set()


def test_the_periods_come_from_the_settings(cast, settings):
    settings.NOTIFICATION_RETENTION_DAYS = 30
    settings.OUTBOX_RETENTION_DAYS = 7
    user = cast.admin_a.user
    with days_later(0):
        done = notification(user, "n", read_at=timezone.now())
        delivery(user, "d", Delivery.Status.SENT, notification=done, claimed_days=0)
    with days_later(8):
        tasks.forget_old_notifications_job()
    assert keys(Delivery) == set() and keys(Notification) == {"n"}
    with days_later(31):
        tasks.forget_old_notifications_job()
    assert keys(Notification) == set()


def test_nothing_still_waiting_or_being_retried_is_deleted(cast):
    user = cast.admin_a.user
    with days_later(0):
        notification(user, "digest-waiting", email_mode=EmailMode.DIGEST)
        retried = notification(user, "retried", read_at=timezone.now())
        delivery(user, "retrying", Delivery.Status.PENDING, notification=retried, claimed_days=0)
        sending = notification(user, "sending", read_at=timezone.now())
        delivery(user, "in-flight", Delivery.Status.SENDING, notification=sending)
        delivery(user, "failed-long-ago", Delivery.Status.FAILED, claimed_days=0)
        # Sent again by an administrator on day 200, and failed again.
        delivery(user, "failed-again", Delivery.Status.FAILED, claimed_days=200)
        delivery(user, "not-needed", Delivery.Status.CANCELLED)

    with days_later(250):
        tasks.forget_old_notifications_job()
    assert keys(Delivery) == {"retrying", "in-flight", "failed-again"}

    with days_later(800):
        tasks.forget_old_notifications_job()
    assert keys(Notification) == {"digest-waiting", "retried", "sending"}
    assert keys(Delivery) == {"retrying", "in-flight"}


def test_a_digest_stays_while_its_notifications_do_so_they_are_never_sent_twice(cast):
    user = cast.admin_a.user
    with days_later(0):
        item = notification(user, "in-digest", email_mode=EmailMode.DIGEST, read_at=timezone.now())
        digest = delivery(user, "digest:1", Delivery.Status.SENT, claimed_days=0)
        Notification.objects.filter(pk=item.pk).update(digest=digest)

    with days_later(100):
        tasks.forget_old_notifications_job()
        assert digests.send_digests() == []
    assert keys(Delivery) == {"digest:1"}
    assert Notification.objects.get().digest_id == digest.pk

    with days_later(366):
        tasks.forget_old_notifications_job()
        assert digests.send_digests() == []
    assert keys(Notification) == set()
    with days_later(367):
        tasks.forget_old_notifications_job()
    assert keys(Delivery) == set()


def test_a_notification_whose_digest_is_still_being_sent_stays(cast):
    user = cast.admin_a.user
    with days_later(0):
        item = notification(user, "in-digest", email_mode=EmailMode.DIGEST)
        digest = delivery(user, "digest:2", Delivery.Status.PENDING)
        Notification.objects.filter(pk=item.pk).update(digest=digest)
    with days_later(800):
        assert retention.forget_old_notifications() == 0
        assert retention.forget_old_deliveries() == 0


def test_deleting_goes_in_batches_and_counts_every_row(cast):
    user = cast.admin_a.user
    with days_later(0):
        for number in range(7):
            notification(user, f"n{number}", read_at=timezone.now())
    with days_later(400):
        old = Notification.objects.filter(created_at__lt=timezone.now())
        assert delete_in_batches(old, batch_size=3) == 7
        assert delete_in_batches(old, batch_size=3) == 0


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NOTIFICATION_RETENTION_DAYS", "0", "NOTIFICATION_RETENTION_DAYS must be at least 1"),
        ("OUTBOX_RETENTION_DAYS", "-5", "OUTBOX_RETENTION_DAYS must be at least 1"),
        ("WEBHOOK_LOG_RETENTION_DAYS", "a month", "WEBHOOK_LOG_RETENTION_DAYS must be a whole"),
        ("IDEMPOTENCY_RETENTION_HOURS", "0", "IDEMPOTENCY_RETENTION_HOURS must be at least 1"),
    ],
)
def test_a_bad_retention_setting_stops_the_start_and_is_named(name, value, message, tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("CLIENTDESK_ENV", "DATABASE_URL")}
    env.update({name: value, "CLIENTDESK_VAR_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert message in result.stderr
