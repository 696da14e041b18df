"""Corrective actions: a score of 2 or lower must be solved by a deadline, visibly.

Opened by an inspection or a client's rating, solved by the site's work
manager, then checked by an inspector or the service director, who verifies
the solution or reopens the action with a new deadline. Past the deadline it
escalates to the service director and the account manager.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.audit import set_author
from common.errors import ServiceError
from deadlines import services as deadlines
from events.bus import publish
from quality.models import ActionDeadline, CorrectiveAction
from quality.models.actions import DEFAULT_HOURS, POOR
from quality.services import photos as photo_files
from quality.states import ACTIONS

DUE = "corrective_action.due"


def hours_to_solve(score: int) -> int:
    """Hours to solve an action opened by ``score``: as configured, else the defaults."""
    configured = ActionDeadline.objects.filter(score=score).values_list("hours", flat=True).first()
    return configured or DEFAULT_HOURS.get(score, DEFAULT_HOURS[POOR])


def _params(action: CorrectiveAction) -> dict:
    return {
        "site": action.site.name,
        "area": action.area_names,
        "element": action.element_names,
        "score": action.rated,
        "problem": action.problem,
        "due_at": action.due_at.isoformat(),
        "solution": action.solution,
        "note": action.check_note,
        "from_client": action.from_client,
    }


def _tell(event: str, action: CorrectiveAction, recipients, *, by, key: str | None = None):
    publish(
        event,
        recipients=recipients,
        target=action,
        actor=by,
        params=_params(action),
        key=key or f"{event}:{action.pk}:{action.version}",
    )


def _client_people(site):
    # The event's access check narrows these to the people who see the site.
    return [m.user for m in site.client.memberships.select_related("user")]


def open_action(
    site,
    *,
    rated: int,
    area_names: dict,
    element_names: dict,
    problem: str,
    by,
    score=None,
    area_rating=None,
    now: datetime | None = None,
) -> CorrectiveAction:
    """Open the action for a poor score and tell the person who must solve it.

    ``now`` lets the demo and the benchmark data write the past.
    """
    when, now = now, now or timezone.now()
    owner = site.work_manager or site.service_director
    action = CorrectiveAction(
        site=site,
        score=score,
        area_rating=area_rating,
        area_names=area_names,
        element_names=element_names,
        rated=rated,
        problem=problem,
        owner=owner,
        opened_at=now,
        due_at=now + timedelta(hours=hours_to_solve(rated)),
    )
    set_author(action, by=by, when=when)
    action.save()
    deadlines.watch(action, DUE, action.due_at)
    recipients = [owner] if owner else [site.service_director, site.client.account_manager]
    _tell("corrective_action.assigned", action, recipients, by=by)
    return action


@transaction.atomic
def solve(
    action, *, by, solution: str, expected_version: int, photos=(), now: datetime | None = None
) -> CorrectiveAction:
    """The work manager says what was done; the client reads it in the portal.

    Only an open action can be solved (``ACTIONS``: otherwise ``InvalidState``),
    with a solution in words; the checkers and the client's people are told.
    """
    ACTIONS.check(action, "solve")
    solution = (solution or "").strip()
    if not solution:
        raise ServiceError(_("Describe what was done to solve it."), field="solution")
    prepared = [photo_files.prepare(upload) for upload in photos]
    action = ACTIONS.move(
        action,
        "solve",
        {"solution": solution, "solved_at": now or timezone.now(), "solved_by": by},
        by=by,
        expected_version=expected_version,
        when=now,
    )
    for image, thumbnail in prepared:
        action.photos.create(image=image, thumbnail=thumbnail, uploaded_by=by)
    deadlines.cancel(action, DUE)
    site = action.site
    checkers = [site.service_director]
    if action.score_id:
        checkers.append(action.score.inspection.inspector)
    _tell("corrective_action.solved", action, [*checkers, *_client_people(site)], by=by)
    return action


@transaction.atomic
def verify(
    action, *, by, note: str = "", expected_version: int, now: datetime | None = None
) -> CorrectiveAction:
    """The follow-up check found the problem solved: the action is closed.

    Only a solved action awaiting its check can be verified (``ACTIONS``).
    """
    action = ACTIONS.move(
        action,
        "verify",
        {
            "checked_at": now or timezone.now(),
            "checked_by": by,
            "check_note": (note or "").strip(),
        },
        by=by,
        expected_version=expected_version,
        when=now,
    )
    _tell(
        "corrective_action.verified",
        action,
        [action.owner, action.solved_by, *_client_people(action.site)],
        by=by,
    )
    return action


@transaction.atomic
def reopen(
    action, *, by, note: str, expected_version: int, now: datetime | None = None
) -> CorrectiveAction:
    """The follow-up check found the problem still there: back to the work manager.

    Only a solved action awaiting its check can be reopened (``ACTIONS``),
    with a note saying what is still wrong; it gets a new deadline.
    """
    ACTIONS.check(action, "reopen")
    note = (note or "").strip()
    if not note:
        raise ServiceError(_("Say what is still wrong."), field="note")
    now = now or timezone.now()
    action = ACTIONS.move(
        action,
        "reopen",
        {
            "checked_at": now,
            "checked_by": by,
            "check_note": note,
            "due_at": now + timedelta(hours=hours_to_solve(action.rated)),
            "escalated_at": None,
            "times_reopened": action.times_reopened + 1,
        },
        by=by,
        expected_version=expected_version,
        when=now,
    )
    deadlines.watch(action, DUE, action.due_at)
    _tell("corrective_action.reopened", action, [action.owner, action.solved_by], by=by)
    return action


def escalate(action: CorrectiveAction) -> None:
    """Past the deadline and still open: the service director and account manager hear.

    A job calls it; an action solved meanwhile is left alone (no error: the
    deadline simply passed for nothing).
    """
    # Locked, and saved without a new version: a solution being typed meanwhile stays valid.
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    if not ACTIONS.allows(action, "escalate"):
        return
    action.escalated_at = timezone.now()
    set_author(action, by=None)
    action.save(update_fields=["escalated_at"])
    site = action.site
    _tell(
        "corrective_action.overdue",
        action,
        [site.service_director, site.client.account_manager, action.owner],
        by=None,
        key=f"corrective_action.overdue:{action.pk}:{action.due_at.isoformat()}",
    )
