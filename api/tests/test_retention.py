"""Idempotency-Key answers are kept for IDEMPOTENCY_RETENTION_HOURS, then forgotten."""

from datetime import UTC, datetime, timedelta

import time_machine

from api import tasks
from api.models import IdempotencyRecord
from api.tests.helpers import token_client
from api.tests.test_behaviour import invite

START = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


def hours_later(hours: float):
    return time_machine.travel(START + timedelta(hours=hours), tick=False)


def test_a_key_is_forgotten_after_a_day_and_can_then_be_used_again(cast):
    with hours_later(0):
        api = token_client(cast.admin_a.user)
        assert invite(api, cast, key="k-1").status_code == 201
    with hours_later(23):
        tasks.forget_idempotency_keys_job()
        assert invite(api, cast, email="other@measika.example", key="k-1").status_code == 409
    with hours_later(25):
        tasks.forget_idempotency_keys_job()
        tasks.forget_idempotency_keys_job()
        assert not IdempotencyRecord.objects.exists()
        assert invite(api, cast, email="other@measika.example", key="k-1").status_code == 201


def test_the_period_comes_from_the_setting(cast, settings):
    settings.IDEMPOTENCY_RETENTION_HOURS = 48
    with hours_later(0):
        assert invite(token_client(cast.admin_a.user), cast, key="k-2").status_code == 201
    with hours_later(47):
        tasks.forget_idempotency_keys_job()
    assert IdempotencyRecord.objects.count() == 1
    with hours_later(49):
        tasks.forget_idempotency_keys_job()
    assert not IdempotencyRecord.objects.exists()
