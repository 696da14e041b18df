"""Webhook subscriptions and their call log in the company at scale (part of ``make bench-data``).

``build`` subscribes through the service (secrets are encrypted as the app
does): the administrator's integration with the provider's ERP, the
chain's and the biggest client's own systems, and a few more clients'.
``emit_past`` listens to every happening and writes the call ``emit`` would
have queued for each subscription that hears it (its event, created before
it happened, the owner's client's records), with the attempts made: most
delivered at once, some after a failed attempt or two, a few failed for good.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings

from accounts.models import User
from accounts.roles import Role
from common import benchdata
from common.benchdata import Run, to_json
from common.retries import retry_delay
from events import registry
from events.bench import Happening, listen
from webhooks import services
from webhooks.models import Attempt, Call, Subscription

# (who, events, URL, how long ago it was subscribed, in days)
ADMIN_SUBSCRIPTIONS = [
    (
        ["inspection.published", "corrective_action.overdue"],
        "https://erp.clientdesk-bench.example/hooks/quality",
        240,
    ),
    (["rating.submitted"], "https://crm.clientdesk-bench.example/hooks/ratings", 500),
]
CLIENT_EVENTS = [
    "inspection.published",
    "corrective_action.assigned",
    "corrective_action.solved",
    "corrective_action.verified",
]
TIMEOUT = "timed out"
OK = 200


@dataclass(slots=True)
class Hearer:
    id: int
    events: frozenset[str]
    client_id: int | None
    since: datetime
    # How reliable the receiver is: the chance an attempt fails.
    flaky: float


def build(run: Run) -> None:
    """Subscriptions of the administrator, the chain, the biggest client and some others."""
    rng = run.random("webhooks")
    staff, clients = run.shared["accounts.staff"], run.shared["clients.clients"]
    admin = _user(staff[Role.ADMINISTRATOR][0])
    chosen = [c for c in clients.values() if c.tier in ("chain", "big")]
    chosen += [c for c in clients.values() if c.tier == "middle" and rng.random() < 0.25]
    keys = [benchdata.WEBHOOK_SECRET_KEY]
    with run.part("webhook subscriptions") as part, override_settings(WEBHOOK_SECRET_KEYS=keys):
        for events, url, days in ADMIN_SUBSCRIPTIONS:
            _subscribe(run, admin, events, url, days)
            part.add(1)
        for client in chosen:
            if not client.admins:
                continue
            owner = _user(client.admins[0])
            url = f"https://integrations.c{client.id}.bench.example/clientdesk"
            days = rng.randint(30, 900)
            _subscribe(run, owner, rng.sample(CLIENT_EVENTS, rng.randint(1, 4)), url, days)
            part.add(1)


def _user(pk: int) -> User:
    return User.objects.select_related("membership__client").get(pk=pk)


def _subscribe(run: Run, owner, events: list[str], url: str, days: int) -> None:
    description = "ERP" if owner.is_provider_staff else "Facility management system"
    subscription = services.subscribe(owner, url=url, events=events, description=description)
    created = run.now - timedelta(days=days)
    Subscription.objects.filter(pk=subscription.pk).update(created_at=created)


def _hearers(run: Run) -> list[Hearer]:
    hearers = run.shared.get("webhooks.hearers")
    if hearers is None:
        rng = run.random("webhooks.receivers")
        hearers = [
            Hearer(s.id, frozenset(s.events), s.client_id, s.created_at, rng.choice([0.01, 0.05]))
            for s in Subscription.objects.filter(is_active=True).defer("secret", "previous_secret")
        ]
        run.shared["webhooks.hearers"] = hearers
    return hearers


@listen
def emit_past(run: Run, batch: list[Happening]) -> None:
    """Write the calls (and their attempts) ``emit`` would have made for ``batch``."""
    hearers = _hearers(run)
    rng = run.shared.setdefault("webhooks.rng", run.random("webhooks.calls"))
    models: dict[int, str] = {}
    with run.part("webhook calls", quiet=True) as part, run.bulk() as bulk:
        for happening in batch:
            if not registry.get(happening.name).webhook:
                continue
            for hearer in hearers:
                if happening.name not in hearer.events or happening.at < hearer.since:
                    continue
                if hearer.client_id is not None and hearer.client_id != happening.client_id:
                    continue
                _call(run, bulk, rng, hearer, happening, models)
        part.add(bulk.flush())


def _call(run: Run, bulk, rng: random.Random, hearer: Hearer, happening: Happening, models) -> None:
    type_id = happening.target_type_id
    if type_id is not None and type_id not in models:
        models[type_id] = ContentType.objects.get_for_id(type_id).model
    payload = {
        "id": happening.key,
        "type": happening.name,
        "created_at": happening.at.isoformat(),
        "object": {"type": models[type_id], "id": happening.target_id} if type_id else None,
        "data": happening.params,
    }
    attempts = _attempts(rng, hearer, happening.at + timedelta(seconds=1))
    given_up = attempts[-1][1] != OK
    call = bulk.add(
        Call,
        subscription_id=hearer.id,
        event=happening.name,
        event_id=happening.key,
        payload=to_json(payload),
        status=Call.Status.FAILED if given_up else Call.Status.SENT,
        attempts=len(attempts),
        created_at=happening.at,
        window_started_at=happening.at + timedelta(seconds=1),
        next_attempt_at=None,
        claimed_at=attempts[-1][0],
        sent_at=None if given_up else attempts[-1][0] + timedelta(milliseconds=300),
        last_error=attempts[-1][2] if given_up else "",
    )
    for when, status, error in attempts:
        duration = 10_000 if error == TIMEOUT else rng.randint(40, 900)
        bulk.add(
            Attempt, call_id=call, at=when, status_code=status, duration_ms=duration, error=error
        )


def _attempts(rng: random.Random, hearer: Hearer, first: datetime) -> list[tuple]:
    """(when, status, error) of each attempt: most succeed at once, some after a
    failure or two; a receiver down for the whole retry window fails the call."""
    down = rng.random() < hearer.flaky / 50
    failures = 0
    while not down and failures < 3 and rng.random() < hearer.flaky * (4 if failures else 1):
        failures += 1
    attempts, at, window = [], first, timedelta(hours=settings.NOTIFICATION_RETRY_HOURS)
    while down or len(attempts) < failures:
        timeout = len(attempts) % 2 == 1
        attempts.append((at, None if timeout else 503, TIMEOUT if timeout else "HTTP 503"))
        at += retry_delay(len(attempts))
        if at - first >= window:
            return attempts
    attempts.append((at, OK, ""))
    return attempts
