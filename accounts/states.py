"""An invitation's states, derived from the account: pending, accepted, or deactivated.

    pending --accept--> accepted         (the invitee chooses a password)
    pending --resend--> pending          (a fresh link; the old one stops working)

A deactivated account's invitation (or one of a deactivated client's
person) can be neither accepted nor sent again.
Who may send one again is the access module of the page that lists the
person (accounts.access for staff, clients.access for a client's people).
"""

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.states import StateMachine, Transition

PENDING, ACCEPTED, DEACTIVATED = "pending", "accepted", "deactivated"


def invitation_state(user: User) -> str:
    """The state of ``user``'s invitation, read from the account itself.

    An account not in use (deactivated, or a person of a deactivated client)
    counts as deactivated: no message would reach it.
    """
    if not user.is_in_use:
        return DEACTIVATED
    return ACCEPTED if user.has_usable_password() else PENDING


INVITATIONS = StateMachine(
    User,
    [
        Transition(
            "accept",
            _("Accept the invitation"),
            [PENDING],
            ACCEPTED,
            refused=_("This invitation cannot be accepted any more."),
        ),
        Transition(
            "resend",
            _("Send the invitation again"),
            [PENDING],
            None,
            refused=_("Only a pending invitation can be sent again."),
        ),
    ],
    state_of=invitation_state,
    labels={
        PENDING: _("Invited, not joined yet"),
        ACCEPTED: _("Joined"),
        DEACTIVATED: _("Deactivated"),
    },
)
