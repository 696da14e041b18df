"""Notifications and the outbox of the company at scale (part of ``make bench-data``).

``build`` writes the channel choices some people and clients made; ``tell``
listens to every happening (``events.bench``) and writes what ``notify``
would have: one notification per recipient who hears anything, by the same
precedence (own choice, then the client's default, then the event's
built-in default), with an outbox row per e-mail or SMS sent at once and
one digest per person and day for what they take as a digest. Everything in
the outbox is finished (sent, or failed for good with its reason, which the
administrators heard of in the bell): nothing waits for the job queue.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from common.audit import set_author
from common.benchdata import Bulk, Run
from events import registry
from events.bench import Happening, listen, publish_past
from notifications import sms
from notifications.digests import digest_cutoff
from notifications.models import (
    Channel,
    ClientDefault,
    Delivery,
    EmailMode,
    Notification,
    Preference,
)
from notifications.preferences import Choice, built_in

# Reasons a message failed for good, as the channels word them.
BOUNCED = "SMTP 550: 5.1.1 mailbox unavailable"
REFUSED_NUMBER = "The SMS gateway refused the number (HTTP 400)."


def build(run: Run) -> None:
    """Some people chose their own channels; some clients set defaults for their people."""
    rng = run.random("notifications.preferences")
    staff = run.shared["accounts.staff"]
    clients = run.shared["clients.clients"]
    admin = User.objects.get(pk=staff[Role.ADMINISTRATOR][0])
    with run.part("notification preferences") as part:
        rows = []
        off = {"in_app": False, "email": EmailMode.OFF}
        for pk in staff[Role.WORK_MANAGER]:
            if rng.random() < 0.1:
                # Wants assignments on the phone as well.
                rows.append(Preference(user_id=pk, event="corrective_action.assigned", sms=True))
            if rng.random() < 0.6:
                rows.append(Preference(user_id=pk, event="inspection.published", **off))
        for role in (Role.SERVICE_DIRECTOR, Role.ACCOUNT_MANAGER):
            for pk in staff[role]:
                # Hundreds of sites each: most follow inspections on the pages instead.
                roll = rng.random()
                if roll < 0.7:
                    rows.append(Preference(user_id=pk, event="inspection.published", **off))
                elif roll < 0.85:
                    rows.append(
                        Preference(user_id=pk, event="inspection.published", email="digest")
                    )
        for client in clients.values():
            for pk in client.admins:
                if rng.random() < 0.15:
                    # Reads the results on the site's page instead.
                    rows.append(Preference(user_id=pk, event="inspection.published", **off))
                if rng.random() < 0.05:
                    rows.append(
                        Preference(user_id=pk, event="corrective_action.solved", email="off")
                    )
        Preference.objects.bulk_create(rows)
        part.add(len(rows))
        for client in clients.values():
            if client.tier in ("chain", "big") or rng.random() < 0.02:
                # The big clients' people follow solutions, not the checks after them.
                default = ClientDefault(
                    client_id=client.id, event="corrective_action.verified", **off
                )
                set_author(default, by=admin, when=client.created + timedelta(days=3))
                default.save()
                part.add(1)


@dataclass(slots=True)
class Person:
    name: str
    staff: bool
    email: str
    phone: str
    # Whether a default may reach them by SMS: they have a usable number.
    mobile: bool
    client_id: int | None
    joined: datetime


@dataclass
class _State:
    """What ``tell`` keeps between batches of one run."""

    rng: random.Random
    people: dict[int, Person] = field(default_factory=dict)
    in_use: set[int] = field(default_factory=set)
    own: dict[tuple[int, str], Choice] = field(default_factory=dict)
    defaults: dict[tuple[int, str], Choice] = field(default_factory=dict)
    # (recipient, digest time) -> the digest's delivery id.
    digests: dict[tuple[int, datetime], int] = field(default_factory=dict)
    sms: bool = False
    outbox_path: str = ""
    administrators: list[int] = field(default_factory=list)
    delivery_type: int = 0

    def load(self, ids: set[int]) -> None:
        """Read the people not seen yet (each part writes its people before it publishes)."""
        missing = ids - self.people.keys()
        if not missing:
            return
        rows = User.objects.filter(pk__in=missing).values_list(
            "pk", "full_name", "role", "email", "phone", "membership__client_id", "date_joined"
        )
        for pk, name, role, email, phone, client_id, joined in rows:
            mobile = bool(sms.normalise(phone))
            staff = role in STAFF_ROLES
            self.people[pk] = Person(name, staff, email, phone, mobile, client_id, joined)
        self.in_use |= set(
            User.objects.in_use().filter(pk__in=missing).values_list("pk", flat=True)
        )


def _state(run: Run) -> _State:
    state = run.shared.get("notifications.state")
    if state is None:
        state = _State(rng=run.random("notifications"))
        state.own = {(p.user_id, p.event): Choice.of(p) for p in Preference.objects.all()}
        state.defaults = {(d.client_id, d.event): Choice.of(d) for d in ClientDefault.objects.all()}
        state.sms = sms.available()
        state.outbox_path = reverse("notifications:outbox")
        state.administrators = list(
            User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).values_list(
                "pk", flat=True
            )
        )
        state.delivery_type = ContentType.objects.get_for_model(Delivery).pk
        run.shared["notifications.state"] = state
    return state


def _choice(state: _State, person_id: int, person: Person, event_type) -> Choice:
    # notifications.preferences.choices_for, from the rows loaded once.
    fallback = built_in(event_type)
    if not event_type.configurable:
        return fallback
    own = state.own.get((person_id, event_type.key))
    choice = own or state.defaults.get((person.client_id or 0, event_type.key)) or fallback
    sms_possible = event_type.offers_sms and state.sms
    if own is None and not person.mobile:
        sms_possible = False
    if choice.sms and not sms_possible:
        choice = Choice(choice.in_app, choice.email, False)
    return choice


@listen
def tell(run: Run, batch: list[Happening]) -> None:
    """Write the notifications and outbox rows ``notify`` would have for ``batch``."""
    state = _state(run)
    state.load({pk for happening in batch for pk in happening.recipients})
    failures: list[Happening] = []
    with run.part("notifications and outbox", quiet=True) as part, run.bulk() as bulk:
        for happening in batch:
            _tell_one(run, state, bulk, happening, failures)
        part.add(bulk.flush())
    if failures:
        # The administrators heard of each message that failed for good, in the bell.
        publish_past(run, failures)


def _tell_one(run: Run, state: _State, bulk: Bulk, happening: Happening, failures: list) -> None:
    event_type = registry.get(happening.name)
    rng = state.rng
    told: set[int] = set()
    for pk in happening.recipients:
        if pk == happening.actor_id or pk in told or pk not in state.in_use:
            continue
        told.add(pk)
        person = state.people[pk]
        if person.joined > happening.at:
            continue  # not one of us yet when it happened
        choice = _choice(state, pk, person, event_type)
        if not choice.hears_anything:
            continue
        at = happening.at
        notification = run.ids.new(Notification)
        digest = None
        if choice.email == EmailMode.DIGEST:
            digest = _digest(run, state, bulk, pk, person, at, notification)
        bulk.add(
            Notification,
            id=notification,
            recipient_id=pk,
            event=happening.name,
            key=happening.key,
            actor_id=happening.actor_id,
            target_type_id=happening.target_type_id,
            target_id=happening.target_id,
            params=happening.shown,
            link=happening.links[0 if person.staff else 1],
            in_app=choice.in_app,
            email_mode=choice.email,
            digest_id=digest,
            created_at=at,
            read_at=_read_at(run, rng, at) if choice.in_app else None,
        )
        if choice.email == EmailMode.NOW:
            _send(
                run, state, bulk, happening, notification, pk, Channel.EMAIL, person.email, failures
            )
        if choice.sms:
            _send(
                run, state, bulk, happening, notification, pk, Channel.SMS, person.phone, failures
            )


def _read_at(run: Run, rng: random.Random, at: datetime) -> datetime | None:
    age = run.now - at
    chance = 0.97 if age > timedelta(days=30) else 0.75 if age > timedelta(days=3) else 0.3
    if rng.random() > chance:
        return None
    return min(at + timedelta(hours=rng.expovariate(1 / 20)), run.now)


def _send(run, state, bulk, happening, notification, pk, channel, address, failures) -> None:
    rng = state.rng
    at = happening.at
    key = f"{happening.key}:{pk}:{channel}"
    fails = rng.random() < (0.001 if channel == Channel.EMAIL else 0.02)
    delivery = bulk.add(
        Delivery,
        key=key,
        recipient_id=pk,
        channel=channel,
        notification_id=notification,
        address=address,
        status=Delivery.Status.FAILED if fails else Delivery.Status.SENT,
        attempts=1,
        created_at=at,
        window_started_at=at + timedelta(seconds=2),
        next_attempt_at=None,
        claimed_at=at + timedelta(seconds=2),
        sent_at=None if fails else at + timedelta(seconds=3),
        last_error=(BOUNCED if channel == Channel.EMAIL else REFUSED_NUMBER) if fails else "",
    )
    if fails:
        failures.append(_failure(state, delivery, state.people[pk], channel, at))


def _failure(state: _State, delivery: int, person: Person, channel: str, at: datetime):
    reason = BOUNCED if channel == Channel.EMAIL else REFUSED_NUMBER
    return Happening(
        name="delivery.failed",
        key=f"delivery.failed:{delivery}:1",
        at=at + timedelta(seconds=4),
        target_type_id=state.delivery_type,
        target_id=delivery,
        params={
            "recipient": person.name,
            "channel": str(Channel(channel).label),
            "reason": reason,
        },
        recipients=tuple(state.administrators),
        links=(f"{state.outbox_path}?status=failed#delivery-{delivery}", ""),
    )


def _digest(run, state: _State, bulk: Bulk, pk: int, person: Person, at: datetime, first: int):
    """The digest ``at`` goes into: that of the first digest time after it, if it has come."""
    cutoff = digest_cutoff(at) + timedelta(days=1)
    if cutoff > run.now:
        return None  # still waiting for the next digest
    found = state.digests.get((pk, cutoff))
    if found is None:
        sent = cutoff + timedelta(minutes=1)
        found = state.digests[(pk, cutoff)] = bulk.add(
            Delivery,
            # Named after its first notification, as send_digests names it.
            key=f"digest:{pk}:{first}",
            recipient_id=pk,
            channel=Channel.EMAIL,
            address=person.email,
            status=Delivery.Status.SENT,
            attempts=1,
            created_at=cutoff,
            window_started_at=sent,
            claimed_at=sent,
            sent_at=sent + timedelta(seconds=2),
        )
    return found
