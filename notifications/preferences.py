"""Which channels carry an event to a person: own choice, client default, or built-in."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from clients.models import Membership
from common.audit import set_author
from common.errors import ServiceError
from events import registry
from events.registry import EventType
from notifications import sms
from notifications.models import ClientDefault, EmailMode, Preference


@dataclass(frozen=True)
class Choice:
    in_app: bool
    email: str
    sms: bool

    @classmethod
    def of(cls, row) -> "Choice":
        return cls(in_app=row.in_app, email=row.email, sms=row.sms)

    @property
    def hears_anything(self) -> bool:
        return self.in_app or self.email != EmailMode.OFF or self.sms


def built_in(event_type: EventType) -> Choice:
    d = event_type.defaults
    return Choice(in_app=d.in_app, email=d.email, sms=d.sms and event_type.offers_sms)


def _client_ids(users) -> dict[int, int]:
    client_users = [u.pk for u in users if u.is_client_user]
    if not client_users:
        return {}
    return dict(
        Membership.objects.filter(user__in=client_users).values_list("user_id", "client_id")
    )


def choices_for(users, event_type: EventType) -> dict[int, Choice]:
    """Each user's channels for ``event_type``, in three queries however many users.

    A person's own choice wins; a client user without one follows their
    client's default; everyone else follows the event's built-in default.
    SMS needs a configured gateway and an event that offers it, and a
    default sends SMS only to people who have a mobile number.
    """
    fallback = built_in(event_type)
    if not event_type.configurable:
        return {u.pk: fallback for u in users}
    own = {
        p.user_id: Choice.of(p)
        for p in Preference.objects.filter(user__in=[u.pk for u in users], event=event_type.key)
    }
    clients = _client_ids(users)
    client_defaults = {
        d.client_id: Choice.of(d)
        for d in ClientDefault.objects.filter(
            client__in=set(clients.values()), event=event_type.key
        )
    }
    result = {}
    for user in users:
        choice = own.get(user.pk) or client_defaults.get(clients.get(user.pk, 0)) or fallback
        sms_possible = event_type.offers_sms and sms.available()
        # A default reaches SMS only people with a number; someone who chose
        # SMS themselves and then removed their number gets a visible failure.
        if user.pk not in own and not sms.normalise(user.phone):
            sms_possible = False
        if choice.sms and not sms_possible:
            choice = Choice(choice.in_app, choice.email, False)
        result[user.pk] = choice
    return result


def _defaults_of_client(client_id: int | None) -> dict[str, Choice]:
    if client_id is None:
        return {}
    return {d.event: Choice.of(d) for d in ClientDefault.objects.filter(client_id=client_id)}


def current_for(user) -> dict[str, tuple[Choice, bool]]:
    """Every configurable event for ``user``: the choice in force, and whether it is their own."""
    event_types = registry.configurable_for(user)
    own = {
        p.event: Choice.of(p)
        for p in Preference.objects.filter(user=user, event__in=[e.key for e in event_types])
    }
    client_defaults = _defaults_of_client(_client_ids([user]).get(user.pk))
    return {
        e.key: (own[e.key], True)
        if e.key in own
        else (client_defaults.get(e.key) or built_in(e), False)
        for e in event_types
    }


def _check_sms(choices: dict[str, Choice], *, phone: str | None) -> None:
    if any(c.sms for c in choices.values()):
        if not sms.available():
            raise ServiceError(_("SMS messages are not set up on this Clientdesk."))
        if phone is not None and not sms.normalise(phone):
            raise ServiceError(
                _("Add a mobile phone number to your profile before you choose SMS.")
            )


@transaction.atomic
def save_preferences(user, choices: dict[str, Choice]):
    """Store a person's channel choices for the events they may configure.

    A choice equal to the default is not stored, so the person keeps
    following their client's default if the administrator changes it later.
    """
    allowed = {e.key: e for e in registry.configurable_for(user)}
    choices = {key: c for key, c in choices.items() if key in allowed}
    _check_sms(choices, phone=user.phone)
    client_defaults = _defaults_of_client(_client_ids([user]).get(user.pk))
    for key, choice in choices.items():
        default = client_defaults.get(key) or built_in(allowed[key])
        if choice == default:
            Preference.objects.filter(user=user, event=key).delete()
        else:
            Preference.objects.update_or_create(
                user=user,
                event=key,
                defaults={"in_app": choice.in_app, "email": choice.email, "sms": choice.sms},
            )
    return user


def reset_preferences(user) -> None:
    """Forget a person's own choices: their client's (or the built-in) defaults apply again."""
    Preference.objects.filter(user=user).delete()


def client_defaults_of(client) -> dict[str, Choice]:
    """A client's default for each event its people can configure."""
    stored = _defaults_of_client(client.pk)
    return {e.key: stored.get(e.key) or built_in(e) for e in registry.configurable_for_clients()}


@transaction.atomic
def save_client_defaults(client, choices: dict[str, Choice], *, by):
    """Set what a client's users get until they choose for themselves; kept in the history."""
    allowed = {e.key: e for e in registry.configurable_for_clients()}
    choices = {key: c for key, c in choices.items() if key in allowed}
    _check_sms(choices, phone=None)
    for key, choice in choices.items():
        row = ClientDefault.objects.filter(client=client, event=key).first()
        if choice == built_in(allowed[key]):
            if row is not None:
                set_author(row, by=by)
                row.delete()
            continue
        if row is None:
            row = ClientDefault(client=client, event=key)
        elif Choice.of(row) == choice:
            continue
        row.in_app, row.email, row.sms = choice.in_app, choice.email, choice.sms
        set_author(row, by=by)
        row.save()
    return client
