"""Saying what happened, once, to whoever listens.

A service publishes what happened to a record::

    publish("corrective_action.solved", target=action, actor=by,
            params={...}, recipients=[...])

and knows nothing of who listens. Notifications and webhooks subscribe at
start-up (their AppConfig.ready) with ``subscribe``.

Each event is first kept in the audit trail (``events.log``), once per key:
an event published again with a key already kept reaches nobody, so a job
that runs twice tells nobody twice. Subscribers run inside the publishing
transaction: what they record (the notifications, the webhook calls)
commits or rolls back with the action itself and the audit entry, so a
refused or failed action tells nobody and a committed one loses nothing.
What leaves the machine (e-mail, SMS, webhook calls) is queued by the
subscribers on commit.
"""

import threading
import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model

from events import log, registry
from events.registry import EventType


@dataclass(frozen=True)
class Event:
    """One thing that happened: its type, the record, who did it, and what to say about it.

    ``recipients`` are the people the publisher thinks should hear of it;
    notifications narrow them further (their choices, their access).
    ``key`` makes the event idempotent: published again with the same key,
    subscribers create nothing twice.
    """

    type: EventType
    key: str
    target: Model | None = None
    actor: Any = None
    params: dict = field(default_factory=dict)
    recipients: tuple = ()

    @property
    def name(self) -> str:
        return self.type.key


Subscriber = Callable[[Event], None]
_subscribers: list[Subscriber] = []
# Notification keys and webhook event ids hold this many characters.
MAX_KEY = 200
_quiet = threading.local()


def subscribe(subscriber: Subscriber) -> Subscriber:
    """Hear every published event from now on (once, however often it is called)."""
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)
    return subscriber


def publish(
    name: str,
    *,
    target: Model | None = None,
    actor=None,
    params: dict | None = None,
    recipients: Iterable = (),
    key: str | None = None,
) -> Event | None:
    """Tell every subscriber that event ``name`` happened to ``target``, once per ``key``.

    Returns the event, or None when an event with this key was published
    before (nothing is told again). The type must be registered (an app's
    events.py); an unknown name is a programming error (LookupError). Runs
    the subscribers in one transaction with the caller's, in the order they
    subscribed.
    """
    key = key or f"{name}:{uuid.uuid4().hex}"
    if len(key) > MAX_KEY:
        # Cut, two keys could become one and the second event reach nobody.
        raise ValueError(f"An event key is at most {MAX_KEY} characters: {key[:60]}…")
    event = Event(
        type=registry.get(name),
        key=key,
        target=target,
        actor=actor,
        params=dict(params or {}),
        recipients=tuple(person for person in recipients if person is not None),
    )
    with transaction.atomic():
        if not log.record(event):
            return None
        if getattr(_quiet, "on", False):
            return event
        for subscriber in _subscribers:
            subscriber(event)
    return event


@contextmanager
def quietly():
    """Publish into the audit trail only, telling nobody: for data that describes the past.

    The demo's half year of inspections happened "before": nobody is told of
    them now, in the bell or by mail.
    """
    before = getattr(_quiet, "on", False)
    _quiet.on = True
    try:
        yield
    finally:
        _quiet.on = before
