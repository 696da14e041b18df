"""A corrective action still open at its deadline escalates."""

from deadlines.registry import on_due
from quality.services import actions
from quality.services.actions import DUE


@on_due(DUE)
def corrective_action_due(action, deadline) -> None:
    actions.escalate(action)
