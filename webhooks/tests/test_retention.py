"""The call log is kept for WEBHOOK_LOG_RETENTION_DAYS; calls still being retried stay."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.urls import reverse

from webhooks import services, tasks
from webhooks.models import Attempt, Call

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def days_later(days: float):
    return time_machine.travel(START + timedelta(days=days), tick=False)


def test_finished_calls_and_their_attempts_go_after_30_days_pending_ones_stay(client, cast):
    with days_later(0):
        subscription = services.subscribe(
            cast.staff.admin, url="https://erp.example/hooks", events=["site.team_changed"]
        )

        def call(event_id, status, claimed_days=None):
            row = Call.objects.create(
                subscription=subscription,
                event="ping",
                event_id=event_id,
                payload={},
                status=status,
            )
            Attempt.objects.create(call=row, status_code=500, duration_ms=10)
            if claimed_days is not None:
                Call.objects.filter(pk=row.pk).update(
                    claimed_at=START + timedelta(days=claimed_days)
                )

        call("delivered", Call.Status.SENT, claimed_days=0)
        call("failed", Call.Status.FAILED, claimed_days=0)
        call("waiting-for-retry", Call.Status.PENDING, claimed_days=0)
        call("being-made", Call.Status.SENDING, claimed_days=0)
    with days_later(20):
        call("sent-again-and-failed", Call.Status.FAILED, claimed_days=20)

    with days_later(29):
        tasks.forget_old_calls_job()
    assert Call.objects.count() == 5

    with days_later(31):
        tasks.forget_old_calls_job()
        tasks.forget_old_calls_job()
    remaining = {"waiting-for-retry", "being-made", "sent-again-and-failed"}
    assert set(Call.objects.values_list("event_id", flat=True)) == remaining
    assert Attempt.objects.count() == 3
    client.force_login(cast.staff.admin)
    page = client.get(reverse("webhooks:detail", args=[subscription.pk]))
    assert page.text.count("Failed") == 1


def test_a_rotated_out_secret_is_erased_after_its_grace_day(cast, settings):
    settings.WEBHOOK_LOG_RETENTION_DAYS = 7
    with days_later(0):
        subscription = services.subscribe(
            cast.staff.admin, url="https://erp.example/hooks", events=["site.team_changed"]
        )
        services.rotate_secret(subscription)
    with days_later(0.5):
        tasks.forget_old_calls_job()
    subscription.refresh_from_db()
    assert subscription.previous_secret
    with days_later(1.1):
        tasks.forget_old_calls_job()
    subscription.refresh_from_db()
    assert subscription.previous_secret == "" and subscription.previous_secret_until is None
