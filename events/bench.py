"""What happened in the company at scale: the audit trail of events, and who hears of it.

A part that writes records whose services would publish events describes
each as a ``Happening`` and calls ``publish_past(run, happenings)``: the
events go into the audit trail (``LoggedEvent``) in bulk, then to every
listener, as ``events.bus.publish`` gives them to its subscribers.
The notifications and webhooks parts listen (``listen`` on import) and write
what their subscribers would have written. A happening says who should hear
of it after the access rules (``recipients``), so listeners do not ask the
access functions a million times; preferences and channels are theirs.

The recent slice is made by the services inside ``quietly()``: their events
are logged, told to nobody, and dated now. ``dated(when)`` dates them when
they happened; ``publish_past(..., logged=True)`` then tells the listeners.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max

from common.benchdata import Run, to_json
from common.text import shorten_all
from events.models import LoggedEvent

# Happenings handed to the listeners at a time.
BATCH = 20_000


@dataclass
class Happening:
    """One event of the past, as ``events.publish`` would have received it.

    ``recipients``: user ids who may see the target and should hear of it
    (the actor is left out by the listeners, as ``notify`` does);
    ``client_id``: whose records it concerns, for the webhooks of a client;
    ``links``: the target's page on the staff desk and in the portal.
    """

    name: str
    key: str
    at: datetime
    target_type_id: int | None = None
    target_id: int | None = None
    actor_id: int | None = None
    params: dict = field(default_factory=dict)
    recipients: tuple[int, ...] = ()
    client_id: int | None = None
    links: tuple[str, str] = ("", "")
    # Filled by publish_past: the params as the bell and the log keep them.
    shown: str = ""


Listener = Callable[[Run, list[Happening]], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> Listener:
    """Hear every batch of happenings from now on (once, however often it is called)."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def publish_past(run: Run, happenings: Iterable[Happening], *, logged: bool = False) -> int:
    """Keep ``happenings`` in the audit trail (unless the services ``logged`` them
    already) and tell every listener, in batches; returns how many."""
    told = 0
    batch: list[Happening] = []
    for happening in happenings:
        batch.append(happening)
        if len(batch) >= BATCH:
            told += _publish(run, batch, logged=logged)
            batch = []
    if batch:
        told += _publish(run, batch, logged=logged)
    return told


def _publish(run: Run, batch: list[Happening], *, logged: bool) -> int:
    for happening in batch:
        happening.shown = to_json(shorten_all(happening.params))
    if not logged:
        with run.part("events: audit trail", quiet=True) as part, run.bulk() as bulk:
            for happening in batch:
                bulk.add(
                    LoggedEvent,
                    key=happening.key,
                    name=happening.name,
                    target_type_id=happening.target_type_id,
                    target_id=happening.target_id,
                    actor_id=happening.actor_id,
                    params=happening.shown,
                    happened_at=happening.at,
                )
            part.add(bulk.flush())
    for listener in _listeners:
        listener(run, batch)
    return len(batch)


@contextmanager
def dated(when: datetime) -> Iterator[None]:
    """Date the events the services log inside the block at ``when`` (the audit
    trail stamps them now; the past is being written)."""
    before = LoggedEvent.objects.aggregate(last=Max("pk"))["last"] or 0
    yield
    LoggedEvent.objects.filter(pk__gt=before).update(happened_at=when)


def logged_since(pk: int) -> list[LoggedEvent]:
    """The events logged after ``pk``, oldest first: the services' slice."""
    return list(LoggedEvent.objects.filter(pk__gt=pk).order_by("pk"))


def last_logged() -> int:
    """The id of the newest event in the audit trail (0 when there is none)."""
    return LoggedEvent.objects.aggregate(last=Max("pk"))["last"] or 0
