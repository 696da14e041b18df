"""Deadlines fire once, when they pass, through the minute sweep."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from deadlines import services, tasks
from deadlines.models import Deadline
from deadlines.registry import on_due

fired = []


@on_due("test.site_check")
def record(site, deadline):
    fired.append((site.pk, deadline.due_at))


def test_a_passed_deadline_fires_once_however_often_the_sweep_runs(cast):
    fired.clear()
    due = timezone.now() + timedelta(hours=1)
    services.watch(cast.site_a1, "test.site_check", due)
    tasks.deadline_sweep_job()
    assert fired == []
    with time_machine.travel(due + timedelta(seconds=30)):
        tasks.deadline_sweep_job()
        tasks.deadline_sweep_job()
    assert fired == [(cast.site_a1.pk, due)]


def test_a_moved_deadline_fires_at_its_new_time(cast):
    fired.clear()
    now = timezone.now()
    services.watch(cast.site_a1, "test.site_check", now - timedelta(minutes=5))
    services.watch(cast.site_a1, "test.site_check", now + timedelta(hours=1))
    assert Deadline.objects.count() == 1
    assert services.fire_due(now) == 0
    assert services.fire_due(now + timedelta(hours=2)) == 1


def test_a_cancelled_deadline_never_fires(cast):
    fired.clear()
    services.watch(cast.site_a1, "test.site_check", timezone.now() - timedelta(minutes=1))
    services.cancel(cast.site_a1, "test.site_check")
    assert services.fire_due() == 0
    assert fired == []


def test_a_failing_handler_leaves_the_deadline_for_the_next_sweep(cast):
    # No handler is registered for this kind: the sweep must not lose the deadline.
    services.watch(cast.site_a1, "nobody.handles", timezone.now() - timedelta(minutes=1))
    assert services.fire_due() == 0
    assert Deadline.objects.get().fired_at is None
