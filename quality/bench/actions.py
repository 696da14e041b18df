"""What becomes of a corrective action: its course, written as rows, history and events.

Most are solved before their deadline and verified a day or two later by
the site's service director or the inspector (never by whoever solved
them); some are solved late (and escalated at the deadline first), a few
are reopened once, and a few old ones were never checked or never solved.
Recent ones are still open or await their check.
"""

import random
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from clients.bench import SiteFacts
from common.benchdata import Bulk, RawJson
from deadlines.models import Deadline
from events.bench import Happening
from quality.bench.told import Told
from quality.models import CorrectiveAction
from quality.services.actions import DUE

OPEN, SOLVED, VERIFIED = (
    CorrectiveAction.Status.OPEN,
    CorrectiveAction.Status.SOLVED,
    CorrectiveAction.Status.VERIFIED,
)
SOLUTIONS = {
    "et": [
        "Koristaja juhendatud, ala puhastatud uuesti ja kontrollitud samal päeval.",
        "Põrand pestud masinaga, plekid eemaldatud.",
        "Prügikastid tühjendatud, graafikut tihendatud.",
    ],
    "ru": [
        "Уборщик проинструктирован, участок повторно убран и проверен в тот же день.",
        "Пол вымыт машиной, пятна удалены.",
        "Мусорные корзины опустошены, график уборки уплотнён.",
    ],
    "en": [
        "Cleaner instructed; the area was cleaned again and checked the same day.",
        "Floor machine-washed, stains removed.",
        "Bins emptied and the cleaning schedule tightened.",
    ],
}
STILL_WRONG = {
    "et": "Nurkades endiselt tolm.",
    "ru": "В углах всё ещё пыль.",
    "en": "Still dusty in the corners.",
}


@dataclass(slots=True)
class ActionRow:
    """A corrective action as its row reads at one moment (history rows are snapshots)."""

    id: int
    site_id: int
    client_id: int
    score_id: int | None
    area_rating_id: int | None
    area_names: dict
    element_names: dict
    rated: int
    problem: str
    owner_id: int | None
    opened_at: datetime
    due_at: datetime
    status: str = OPEN
    escalated_at: datetime | None = None
    solution: str = ""
    solved_at: datetime | None = None
    solved_by_id: int | None = None
    checked_at: datetime | None = None
    checked_by_id: int | None = None
    check_note: str = ""
    times_reopened: int = 0
    version: int = 1

    def values(self, area_json: RawJson, element_json: RawJson) -> dict:
        row = {name: getattr(self, name) for name in FIELDS}
        row["area_names"], row["element_names"] = area_json, element_json
        return row


FIELDS = [f.name for f in fields(ActionRow)]


@dataclass(slots=True)
class Course:
    """When things happen to an action after it opens (None: not yet, as of now)."""

    solved_at: datetime | None = None
    reopened_at: datetime | None = None
    solved_again_at: datetime | None = None
    checked_at: datetime | None = None
    escalated_at: datetime | None = None


def course(rng: random.Random, opened: datetime, due: datetime, now: datetime, *, late=True):
    """The action's course: solved on time mostly, checked a day or two later.

    ``late=False`` never solves after the deadline: for the services' recent
    slice, where the sweep (not this plan) escalates what is overdue now.
    """
    plan = Course()
    window = due - opened
    age = now - opened
    if age > timedelta(days=30) and rng.random() < 0.004:
        plan.escalated_at = due + timedelta(minutes=1)
        return plan  # forgotten: still open, long overdue
    if rng.random() < 0.88 or not late:
        solved = opened + window * rng.uniform(0.15, 0.95)
    else:
        solved = due + timedelta(hours=rng.expovariate(1 / 36))
        plan.escalated_at = due + timedelta(minutes=1) if due < now else None
    if solved > now:
        if late and due < now:
            plan.escalated_at = due + timedelta(minutes=1)
        return plan
    plan.solved_at = solved
    if age > timedelta(days=30) and rng.random() < 0.01:
        return plan  # never checked
    checked = solved + timedelta(hours=rng.uniform(4, 96))
    if rng.random() < 0.03:
        if checked > now:
            return plan
        plan.reopened_at = checked
        plan.solved_again_at = checked + timedelta(hours=rng.uniform(2, 20))
        checked = plan.solved_again_at + timedelta(hours=rng.uniform(4, 72))
        if plan.solved_again_at > now:
            plan.solved_again_at = None
            return plan
    if checked <= now:
        plan.checked_at = checked
    return plan


def checker(site: SiteFacts, solver: int | None, inspector: int | None, spare: int) -> int:
    """Who checks the solution: the director, else the inspector, never the solver."""
    for candidate in (site.director, inspector, spare):
        if candidate is not None and candidate != solver:
            return candidate
    return spare


def write(
    bulk: Bulk,
    told: Told,
    rng: random.Random,
    action: ActionRow,
    plan: Course,
    *,
    by: int,
    inspector: int | None,
    spare: int,
    language: str,
    area_json: RawJson,
    element_json: RawJson,
    deadline_type: int,
    now: datetime,
) -> list[Happening]:
    """Write ``action`` as it stands now after ``plan``, with its history and its events."""
    site = told.sites[action.site_id]
    people = told.client_people(site)
    manager = told.clients[site.client_id].account_manager
    happened = []

    def snapshot(when: datetime, who: int | None, kind: str = "~") -> None:
        bulk.history(
            CorrectiveAction, action.values(area_json, element_json), when=when, by=who, kind=kind
        )

    snapshot(action.opened_at, by, "+")
    recipients = [action.owner_id] if action.owner_id else [site.director, manager]
    happened.append(
        told.action(
            "corrective_action.assigned", action, action.opened_at, by=by, recipients=recipients
        )
    )
    if plan.escalated_at is not None:
        action.escalated_at = plan.escalated_at
        snapshot(plan.escalated_at, None)
        happened.append(
            told.action(
                "corrective_action.overdue",
                action,
                plan.escalated_at,
                by=None,
                recipients=[site.director, manager, action.owner_id],
                key=f"corrective_action.overdue:{action.id}:{action.due_at.isoformat()}",
            )
        )
    solver = action.owner_id or site.director
    solutions = SOLUTIONS.get(language, SOLUTIONS["en"])
    check_by = checker(site, solver, inspector, spare)
    for solved_at in (plan.solved_at, plan.solved_again_at):
        if solved_at is None:
            break
        action.status, action.version = SOLVED, action.version + 1
        action.solution, action.solved_at, action.solved_by_id = (
            rng.choice(solutions),
            solved_at,
            solver,
        )
        snapshot(solved_at, solver)
        happened.append(
            told.action(
                "corrective_action.solved",
                action,
                solved_at,
                by=solver,
                recipients=[site.director, inspector, *people],
            )
        )
        if solved_at == plan.solved_at and plan.reopened_at is not None:
            at = plan.reopened_at
            action.status, action.version = OPEN, action.version + 1
            action.checked_at, action.checked_by_id = at, check_by
            action.check_note = STILL_WRONG.get(language, STILL_WRONG["en"])
            action.due_at = at + (action.due_at - action.opened_at)
            action.escalated_at, action.times_reopened = None, 1
            snapshot(at, check_by)
            happened.append(
                told.action(
                    "corrective_action.reopened",
                    action,
                    at,
                    by=check_by,
                    recipients=[action.owner_id, solver],
                )
            )
    if plan.checked_at is not None and action.status == SOLVED:
        action.status, action.version = VERIFIED, action.version + 1
        action.checked_at, action.checked_by_id = plan.checked_at, check_by
        action.check_note = "" if rng.random() < 0.8 else "OK"
        snapshot(plan.checked_at, check_by)
        happened.append(
            told.action(
                "corrective_action.verified",
                action,
                plan.checked_at,
                by=check_by,
                recipients=[action.owner_id, solver, *people],
            )
        )
    if action.status == OPEN and action.escalated_at is None and action.due_at < now:
        # Reopened and not solved again by the new deadline: the sweep escalated it.
        action.escalated_at = action.due_at + timedelta(minutes=1)
        snapshot(action.escalated_at, None)
        happened.append(
            told.action(
                "corrective_action.overdue",
                action,
                action.escalated_at,
                by=None,
                recipients=[site.director, manager, action.owner_id],
                key=f"corrective_action.overdue:{action.id}:{action.due_at.isoformat()}",
            )
        )
    bulk.add(CorrectiveAction, **action.values(area_json, element_json))
    if action.status == OPEN:
        # The deadline the sweep watches; one that passed has fired (the escalation).
        bulk.add(
            Deadline,
            kind=DUE,
            target_type_id=deadline_type,
            target_id=action.id,
            due_at=action.due_at,
            fired_at=action.escalated_at,
            created_at=action.checked_at or action.opened_at,
        )
    return happened
