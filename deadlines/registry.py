"""What happens when a deadline passes, declared by the app that owns the deadline.

In ``<app>/deadlines.py``::

    @on_due("corrective_action.due")
    def escalate(action, deadline):
        ...

The handler runs inside the transaction that marks the deadline passed: if
it raises, neither happens and the next sweep tries again.
"""

from collections.abc import Callable
from typing import Any

Handler = Callable[[Any, Any], None]
_handlers: dict[str, Handler] = {}


def on_due(kind: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _handlers[kind] = handler
        return handler

    return register


def handler_for(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"No handler for deadlines of kind {kind!r}.") from None
