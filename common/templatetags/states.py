"""Buttons from the state machines: ``{% load states %}``.

``{% if call|state_allows:"send_again" %}`` asks only the state (for pages
whose access check already decided who); ``{% may_move request.user call
"send_again" as ok %}`` asks the state and the transition's access predicate.
"""

from django import template

from common.states import machine_of

register = template.Library()


@register.filter
def state_allows(record, name: str) -> bool:
    """Whether ``record``'s state lets transition ``name`` start."""
    return machine_of(record).allows(record, name)


@register.simple_tag
def may_move(user, record, name: str) -> bool:
    """Whether ``user`` may take transition ``name`` of ``record`` now (state and access)."""
    return machine_of(record).may(user, record, name)
