"""Which state a record may move to: declared once per model, checked in one place.

Each app describes its state machines in its ``states.py``: the states (the
model's ``Status`` choices, or a function for a state that is derived, like
an invitation's), and the transitions with the states they start from, the
state they lead to and the access predicate that says who may take them::

    ACTIONS = StateMachine(
        CorrectiveAction,
        Transition("solve", _("Mark as solved"), ["open"], "solved",
                   who=access.can_solve, refused=_("This action is not open any more.")),
        ...
    )

The services move records with ``ACTIONS.move(action, "solve", {...}, by=...,
expected_version=...)``: it locks the row, refuses a stale version
(``StaleEdit``) and a state the transition does not start from
(``InvalidState``, a translated message naming the current state), then
saves the changes with the new state. Pages and the API call the same
service, so the same refusal reads the same everywhere (the API answers it
409 ``invalid_state``). Pages show the buttons of ``machine.available(user,
record)``: the transitions the state allows and the access predicate grants,
labelled with the transition's label.

Workers that claim rows in bulk (webhook calls, deliveries) use
``machine.move_where``: one conditional UPDATE with the same from-states,
which two workers cannot both win.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from common.concurrency import STALE_EDIT_MESSAGE, apply_changes
from common.errors import ServiceError, StaleEdit


class InvalidState(ServiceError):
    """The record is not in a state the transition starts from; the message names its state."""


@dataclass(frozen=True)
class Transition:
    """One move of a state machine.

    ``sources`` are the states it starts from; ``target`` the state it leads to
    (None: the state stays, e.g. sending an invitation again). ``who`` is the
    access module's predicate ``(user, record) -> bool``; None when only jobs
    take it. ``refused`` is what a person reads when the state does not allow it.
    """

    name: str
    label: Promise | str
    sources: Sequence[str]
    target: str | None = None
    who: Callable[[Any, Any], bool] | None = None
    refused: Promise | str = ""


_machines: dict[type[Model], "StateMachine"] = {}


def machine_of(record) -> "StateMachine":
    """The state machine declared for ``record``'s model (for templates: ``{% load states %}``)."""
    return _machines[type(record)]


@dataclass
class StateMachine:
    """The states and transitions of one model; the one place that says what may move where."""

    model: type[Model]
    transitions: Sequence[Transition]
    field: str = "status"
    # For a derived state (no field): record -> state value.
    state_of: Callable[[Any], str] | None = None
    # Labels of derived states; a field's choices label its states otherwise.
    labels: dict[str, Promise | str] | None = None
    _by_name: dict[str, Transition] = dataclass_field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name = {t.name: t for t in self.transitions}
        if len(self._by_name) != len(self.transitions):
            raise ValueError(f"{self.model.__name__}: two transitions share a name.")
        _machines[self.model] = self

    def __getitem__(self, name: str) -> Transition:
        return self._by_name[name]

    def state(self, record) -> str:
        """The record's current state value."""
        if self.state_of is not None:
            return self.state_of(record)
        return getattr(record, self.field)

    def state_label(self, record) -> str:
        """The current state as the reader reads it, in their language."""
        value = self.state(record)
        if self.labels:
            return str(self.labels.get(value, value))
        choices = dict(getattr(self.model._meta.get_field(self.field), "flatchoices", ()))
        return str(choices.get(value, value))

    def allows(self, record, name: str) -> bool:
        """Whether the record's state lets transition ``name`` start."""
        return self.state(record) in self[name].sources

    def check(self, record, name: str) -> None:
        """Raise ``InvalidState`` unless the record's state lets transition ``name`` start."""
        if self.allows(record, name):
            return
        transition = self[name]
        state = _("Its status is now “%(state)s”.") % {"state": self.state_label(record)}
        refused = str(transition.refused) or _("This cannot be done now.")
        raise InvalidState(f"{refused} {state}")

    def may(self, user, record, name: str) -> bool:
        """The state allows the transition and the access predicate grants it to ``user``."""
        transition = self[name]
        return (
            transition.who is not None
            and self.allows(record, name)
            and bool(transition.who(user, record))
        )

    def available(self, user, record) -> dict[str, Transition]:
        """{name: transition} of the transitions ``user`` may take now: the buttons a page shows."""
        return {t.name: t for t in self.transitions if self.may(user, record, t.name)}

    def lock(self, record, name: str, *, expected_version: int | None = None, related=()):
        """The record's row, locked for this transaction, after the version and state checks.

        Call inside ``transaction.atomic``. ``expected_version`` is the
        version the person read (None for jobs, which act on what is there).
        """
        # of=("self",): PostgreSQL locks this row only, not the joined ones.
        queryset = self.model._default_manager.select_for_update(of=("self",))
        if related:
            queryset = queryset.select_related(*related)
        current = queryset.get(pk=record.pk)
        # The state first: "solved meanwhile" tells more than "changed meanwhile".
        self.check(current, name)
        if expected_version is not None and getattr(current, "version", None) != expected_version:
            raise StaleEdit(STALE_EDIT_MESSAGE)
        return current

    def move(
        self,
        record,
        name: str,
        changes: dict | None = None,
        *,
        by,
        expected_version: int | None = None,
        related: Iterable[str] = (),
        when=None,
    ):
        """Take transition ``name``: lock, check version and state, apply ``changes``, save.

        The new state is set from the transition; the version (if the model
        has one) goes up by one; the history row names ``by`` (dated ``when``
        if given, for data written in the past). Returns the
        saved, fresh record. Raises ``StaleEdit`` or ``InvalidState``, and
        ``ServiceError`` when the result breaks a rule of the model.
        """
        with transaction.atomic():
            current = self.lock(record, name, expected_version=expected_version, related=related)
            transition = self[name]
            changes = dict(changes or {})
            if transition.target is not None and self.state_of is None:
                changes[self.field] = transition.target
            apply_changes(current, changes, by=by, when=when)
        return current

    def move_where(self, pk, name: str, *, where: Q | None = None, **values) -> bool:
        """One conditional UPDATE: move row ``pk`` if it is in a source state; True if it moved.

        For workers that claim rows: of two that try at once, one wins. No
        history row is written (these are deliveries, not records people edit).
        """
        return bool(self.move_all(name, where=Q(pk=pk) & (where or Q()), **values))

    def move_all(self, name: str, *, where: Q, **values) -> int:
        """``move_where`` for every row matching ``where``; returns how many moved."""
        transition = self[name]
        if transition.target is not None:
            values[self.field] = transition.target
        rows = self.model._default_manager.filter(
            where, **{f"{self.field}__in": list(transition.sources)}
        )
        return rows.update(**values)

    def describe(self) -> list[dict]:
        """The machine as data: each transition's name, label, from-states, to-state and who."""
        return [
            {
                "name": t.name,
                "label": str(t.label),
                "from": list(t.sources),
                "to": t.target,
                "who": getattr(t.who, "__name__", None),
            }
            for t in self.transitions
        ]
