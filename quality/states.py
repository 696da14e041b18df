"""The state machines of quality monitoring: what may move where, and who may move it.

Services move records only through these (``common.states``); pages show the
buttons ``machine.available(user, record)`` grants; the API answers a refusal
409 ``invalid_state`` with the same message a page shows.

Corrective actions::

    open --solve--> solved --verify--> verified
      ^                |
      +----reopen------+        (escalate: open stays open, by the deadline job)

Inspections::

    draft --answer / add_photo / remove_photo / set_remarks--> draft
    draft --submit--> published          (discard: the draft is deleted)
"""

from django.utils.translation import gettext_lazy as _

from common.states import StateMachine, Transition
from quality.access import can_check, can_fill, can_solve
from quality.models import CorrectiveAction, Inspection

OPEN, SOLVED, VERIFIED = (
    CorrectiveAction.Status.OPEN,
    CorrectiveAction.Status.SOLVED,
    CorrectiveAction.Status.VERIFIED,
)
NOT_OPEN = _("This action is not open any more.")
NOT_AWAITING_CHECK = _("This action is not waiting for a check any more.")

ACTIONS = StateMachine(
    CorrectiveAction,
    [
        Transition("solve", _("Mark as solved"), [OPEN], SOLVED, who=can_solve, refused=NOT_OPEN),
        Transition(
            "verify",
            _("Verified: the problem is solved"),
            [SOLVED],
            VERIFIED,
            who=can_check,
            refused=NOT_AWAITING_CHECK,
        ),
        Transition(
            "reopen",
            _("Reopen: still not right"),
            [SOLVED],
            OPEN,
            who=can_check,
            refused=NOT_AWAITING_CHECK,
        ),
        # Past its deadline an open action escalates; only the deadline job takes this.
        Transition("escalate", _("Escalate"), [OPEN], None, refused=NOT_OPEN),
    ],
)

DRAFT, PUBLISHED = Inspection.Status.DRAFT, Inspection.Status.PUBLISHED
PUBLISHED_ALREADY = _("This inspection is published and can no longer be changed.")


def _editing(name: str, label) -> Transition:
    return Transition(name, label, [DRAFT], None, who=can_fill, refused=PUBLISHED_ALREADY)


INSPECTIONS = StateMachine(
    Inspection,
    [
        _editing("answer", _("Save the answer")),
        _editing("add_photo", _("Add a photo")),
        _editing("remove_photo", _("Remove the photo")),
        _editing("set_remarks", _("Save the remarks")),
        Transition(
            "submit",
            _("Submit and publish"),
            [DRAFT],
            PUBLISHED,
            who=can_fill,
            refused=PUBLISHED_ALREADY,
        ),
        _editing("discard", _("Delete the draft")),
    ],
)
