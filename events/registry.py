"""The kinds of event that happen in Clientdesk, declared by the apps that own them.

An app lists its event types in its ``events.py`` (discovered at start-up)::

    register(EventType(
        "site.team_changed",
        _("Your contact people at a site changed"),
        audience=CLIENTS,
        templates="clients/notifications",
        visible_to=sites_visible_to,
    ))

and says that one happened with ``events.publish``. Notifications and
webhooks read how to tell people from the type: the messages come from
templates named after the event in ``templates``:
``<event>.subject.txt`` (also the line in the bell), ``.body.txt``,
``.body.html`` and, if the event offers SMS, ``.sms.txt``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

# Who an event type concerns: all staff, all client users, or named roles.
STAFF = frozenset({"staff"})
CLIENTS = frozenset({"client"})
EVERYONE = STAFF | CLIENTS


@dataclass(frozen=True)
class Defaults:
    in_app: bool = True
    # "now", "digest" or "off" (notifications.models.EmailMode).
    email: str = "now"
    sms: bool = False


@dataclass(frozen=True)
class EventType:
    key: str
    label: Promise | str
    templates: str
    audience: frozenset[str] = EVERYONE
    defaults: Defaults = field(default_factory=Defaults)
    # False for messages people cannot turn off (an invitation, a password
    # reset) or choose channels for (a failure report in the bell).
    configurable: bool = True
    offers_sms: bool = False
    # Also sent to webhook subscribers (who may see the target).
    webhook: bool = False
    # The records of the target's kind a user may see (the owning app's access
    # function); a recipient who may not see the target is told nothing.
    visible_to: Callable[[Any], QuerySet] | None = None
    # The path of the target's page for a recipient; by default the staff or
    # the portal page of the target, whichever fits the recipient.
    link: Callable[[Model | None, Any], str] | None = None
    # Extra mail context computed at send time, e.g. a one-time link that
    # must not sit in the database.
    send_context: Callable[[Any], dict] | None = None
    # Asked at send time: does the message still make sense? (An invitation
    # to someone who has meanwhile chosen a password does not.)
    still_wanted: Callable[[Any], bool] | None = None

    def template(self, part: str) -> str:
        return f"{self.templates}/{self.key}.{part}"

    def lets_see(self, user, target) -> bool:
        """Whether ``user`` may see ``target``, by the owning app's access function."""
        if target is None or self.visible_to is None:
            return True
        return self.visible_to(user).filter(pk=target.pk).exists()

    def is_for(self, user) -> bool:
        side = "staff" if user.is_provider_staff else "client"
        return side in self.audience or user.role in self.audience


_registry: dict[str, EventType] = {}


def register(event_type: EventType) -> EventType:
    if event_type.key in _registry and _registry[event_type.key] != event_type:
        raise ValueError(f"Event type {event_type.key!r} is registered twice.")
    _registry[event_type.key] = event_type
    return event_type


def get(key: str) -> EventType:
    try:
        return _registry[key]
    except KeyError:
        raise LookupError(f"Unknown event type {key!r}: register it in an events.py.") from None


def configurable_for(user) -> list[EventType]:
    """The event types a person can choose channels for, in a stable order."""
    return [e for e in _sorted() if e.configurable and e.is_for(user)]


def configurable_for_clients() -> list[EventType]:
    return [e for e in _sorted() if e.configurable and "client" in e.audience]


def webhook_events() -> list[EventType]:
    return [e for e in _sorted() if e.webhook]


def _sorted() -> list[EventType]:
    return sorted(_registry.values(), key=lambda e: e.key)
