"""Publishing what happened: kept once in the audit trail, told to subscribers with the action."""

import pytest
from django.db import transaction

from events.bus import publish
from events.log import events_of
from events.models import LoggedEvent
from notifications.models import Notification
from webhooks import services as webhooks
from webhooks.models import Call


def test_an_event_is_kept_told_and_called_once_per_key(cast):
    webhooks.subscribe(
        cast.staff.admin, url="https://hooks.example/in", events=["site.team_changed"]
    )
    for _attempt in range(2):
        publish(
            "site.team_changed",
            target=cast.site_a1,
            actor=cast.staff.account_manager,
            params={"site": cast.site_a1.name},
            recipients=[cast.admin_a.user],
            key="site.team_changed:test",
        )
    [entry] = events_of(cast.site_a1)
    assert entry.name == "site.team_changed"
    assert entry.actor == cast.staff.account_manager
    assert entry.params == {"site": cast.site_a1.name}
    assert Notification.objects.filter(recipient=cast.admin_a.user).count() == 1
    assert Call.objects.filter(event="site.team_changed").count() == 1


def test_a_rolled_back_action_tells_nobody(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        publish("site.team_changed", target=cast.site_a1, recipients=[cast.admin_a.user])
        raise RuntimeError("the action failed after publishing")
    assert not LoggedEvent.objects.exists()
    assert not Notification.objects.exists()


def test_an_unregistered_event_is_a_programming_error():
    with pytest.raises(LookupError):
        publish("no.such_event")


def test_old_events_leave_the_audit_trail(cast, settings):
    from datetime import timedelta

    from django.utils import timezone

    from events.retention import forget_old_events

    publish("site.team_changed", target=cast.site_a1, key="old")
    publish("site.team_changed", target=cast.site_a1, key="new")
    LoggedEvent.objects.filter(key="old").update(
        happened_at=timezone.now() - timedelta(days=settings.EVENT_LOG_RETENTION_DAYS + 1)
    )
    assert forget_old_events() == 1
    assert list(LoggedEvent.objects.values_list("key", flat=True)) == ["new"]


def test_quietly_keeps_the_past_but_tells_nobody(cast):
    from events.bus import quietly

    with quietly():
        publish("site.team_changed", target=cast.site_a1, recipients=[cast.admin_a.user])
    assert LoggedEvent.objects.count() == 1
    assert not Notification.objects.exists()


def test_a_key_too_long_is_a_programming_error():
    with pytest.raises(ValueError):
        publish("site.team_changed", key="k" * 201)
