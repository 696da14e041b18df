"""The newest slice, made by the services themselves: what people did in the last days.

The last inspections are started, answered and submitted with ``now=``,
their corrective actions solved, reopened and verified by the services in
the order it happened, today's drafts started, today's ratings given, and
the deadline sweep run once, escalating what is overdue now. All inside
``quietly()`` (logged, told to nobody); ``dated`` dates the logged events
when they happened, and the listeners then write the notifications and
webhook calls for them as for the bulk.
"""

from datetime import datetime, timedelta

from django.db import transaction

from accounts.models import User
from clients.models import Site
from common.benchdata import Run
from deadlines.services import fire_due
from events.bench import Happening, dated, last_logged, logged_since, publish_past
from events.bus import quietly
from quality.bench import actions as courses
from quality.bench.inspections import Visit, Writer, language
from quality.bench.ratings import REASONS, SCORE_WEIGHTS
from quality.models import CorrectiveAction, Inspection, Rating
from quality.models.actions import POOR
from quality.services import actions, inspections, ratings

# The large company's slice: about the last week of inspections.
RECENT_INSPECTIONS = 2_000
DRAFTS = 20
RATINGS_TODAY = 40


class Slice:
    def __init__(self, run: Run, writer: Writer) -> None:
        self.run, self.writer, self.told = run, writer, writer.told
        self.rng = run.random("quality.recent")
        self.users: dict[int, User] = {}
        self.sites: dict[int, Site] = {}

    def user(self, pk: int) -> User:
        if pk not in self.users:
            self.users[pk] = User.objects.get(pk=pk)
        return self.users[pk]

    def site(self, pk: int) -> Site:
        if pk not in self.sites:
            self.sites[pk] = Site.objects.select_related(
                "client__account_manager", "service_director", "work_manager"
            ).get(pk=pk)
        return self.sites[pk]

    def make(self, visits: list[Visit]) -> None:
        self.run.analyze()
        first = last_logged()
        # One transaction: thousands of services' commits would cost more than their work.
        with self.run.part("recent (services)") as part, quietly(), transaction.atomic():
            follow_ups = []
            for visit in visits:
                follow_ups += self.inspection(visit)
                part.add(1)
            for when, step, action_id, by, inspector in sorted(follow_ups, key=lambda f: f[0]):
                self.follow_up(when, step, action_id, by, inspector)
            self.drafts()
            self.ratings()
            # The minute sweep, once: what is open past its deadline now escalates.
            fire_due()
        with self.run.part("recent: notifications and calls"):
            publish_past(self.run, self.happenings(logged_since(first)), logged=True)

    def inspection(self, visit: Visit) -> list:
        facts = self.told.sites[visit.site_id]
        site, inspector = self.site(visit.site_id), self.user(visit.inspector)
        form = self.writer.form(facts)
        answers = self.writer.answers(facts, form, language(self.told, facts))
        published = visit.at
        started = published - timedelta(minutes=self.rng.randint(35, 120))
        inspection = inspections.start(site, by=inspector, now=started)
        scores = list(inspection.scores.order_by("position"))
        for score, (_item, value, remark) in zip(scores, answers, strict=True):
            answer = "na" if value is None else str(value)
            inspections.answer(score, by=inspector, value=answer, remark=remark, now=published)
        with dated(published):
            inspections.submit(inspection, by=inspector, now=published)
        steps = []
        for action in CorrectiveAction.objects.filter(score__inspection=inspection):
            plan = courses.course(
                self.rng, action.opened_at, action.due_at, self.run.now, late=False
            )
            for when, step in (
                (plan.solved_at, "solve"),
                (plan.reopened_at, "reopen"),
                (plan.solved_again_at, "solve"),
                (plan.checked_at, "verify"),
            ):
                if when is not None:
                    steps.append((when, step, action.pk, visit.site_id, visit.inspector))
        return steps

    def follow_up(self, when: datetime, step: str, action_id: int, site_id: int, inspector):
        action = CorrectiveAction.objects.select_related("site").get(pk=action_id)
        facts = self.told.sites[site_id]
        solver = action.owner_id or facts.director
        lang = language(self.told, facts)
        with dated(when):
            if step == "solve":
                solution = self.rng.choice(courses.SOLUTIONS.get(lang, courses.SOLUTIONS["en"]))
                actions.solve(
                    action,
                    by=self.user(solver),
                    solution=solution,
                    expected_version=action.version,
                    now=when,
                )
                return
            checker = self.user(courses.checker(facts, solver, inspector, self.writer.spare))
            if step == "reopen":
                note = courses.STILL_WRONG.get(lang, courses.STILL_WRONG["en"])
                actions.reopen(
                    action, by=checker, note=note, expected_version=action.version, now=when
                )
            else:
                actions.verify(action, by=checker, expected_version=action.version, now=when)

    def drafts(self) -> None:
        """Inspections being filled in right now: started, about half answered."""
        planned = list(self.writer.plans.items())
        for site_id, plan in self.rng.sample(planned, min(len(planned), self.count(DRAFTS))):
            facts = self.told.sites[site_id]
            if facts.ended is not None:
                continue
            inspector = self.user(plan.inspector)
            draft = inspections.start(
                self.site(site_id), by=inspector, now=self.run.now - timedelta(minutes=30)
            )
            answers = self.writer.answers(facts, self.writer.form(facts), "en")
            scores = list(draft.scores.order_by("position"))
            for score, (_item, value, remark) in list(zip(scores, answers, strict=True))[::2]:
                answer = "na" if value is None else str(value)
                inspections.answer(score, by=inspector, value=answer, remark=remark)

    def ratings(self) -> None:
        """Today's ratings, given through the service (so dated now)."""
        people = [
            (s, p)
            for s in self.told.sites.values()
            if s.ended is None
            for p in self.told.client_people(s)
        ]
        for facts, author in self.rng.sample(people, min(len(people), self.count(RATINGS_TODAY))):
            form = self.writer.form(facts)
            lang = language(self.told, facts)
            scores = {}
            for area_pk, _names, _json in form.areas:
                score = self.rng.choices(range(1, 6), weights=SCORE_WEIGHTS)[0]
                scores[area_pk] = (score, REASONS[lang] if score <= POOR else "")
            ratings.rate(self.site(facts.id), by=self.user(author), scores=scores)

    def count(self, large: int) -> int:
        return self.run.count(large, 2)

    def happenings(self, logged) -> list[Happening]:
        """The logged events of the slice, with the recipients the services named."""
        told = self.told
        action_ids = [e.target_id for e in logged if e.name.startswith("corrective_action.")]
        found = {
            a.pk: a
            for a in CorrectiveAction.objects.filter(pk__in=action_ids).select_related(
                "score__inspection"
            )
        }
        inspection_sites = dict(
            Inspection.objects.filter(
                pk__in=[e.target_id for e in logged if e.name == "inspection.published"]
            ).values_list("pk", "site_id")
        )
        rating_sites = dict(
            Rating.objects.filter(
                pk__in=[e.target_id for e in logged if e.name == "rating.submitted"]
            ).values_list("pk", "site_id")
        )
        happened = []
        for event in logged:
            if event.name == "inspection.published":
                site = told.sites[inspection_sites[event.target_id]]
                recipients = [*told.client_people(site), *told.staff(site)]
                links = tuple(path(event.target_id) for path in told.inspection_paths)
            elif event.name == "rating.submitted":
                site = told.sites[rating_sites[event.target_id]]
                recipients = told.staff(site)
                links = tuple(path(site.id) for path in told.site_paths)
            else:
                action = found[event.target_id]
                site = told.sites[action.site_id]
                recipients = _action_recipients(told, event.name, action, site)
                links = tuple(path(action.pk) for path in told.action_paths)
            happened.append(
                Happening(
                    name=event.name,
                    key=event.key,
                    at=event.happened_at,
                    target_type_id=event.target_type_id,
                    target_id=event.target_id,
                    actor_id=event.actor_id,
                    params=event.params,
                    recipients=tuple(pk for pk in recipients if pk is not None),
                    client_id=site.client_id,
                    links=(links[0], links[1]),
                )
            )
        return happened


def _action_recipients(told, name: str, action: CorrectiveAction, site) -> list:
    """``quality.services.actions``' recipients of each event, by name."""
    manager = told.clients[site.client_id].account_manager
    people = told.client_people(site)
    inspector = action.score.inspection.inspector_id if action.score_id else None
    return {
        "corrective_action.assigned": [action.owner_id]
        if action.owner_id
        else [site.director, manager],
        "corrective_action.solved": [site.director, inspector, *people],
        "corrective_action.verified": [action.owner_id, action.solved_by_id, *people],
        "corrective_action.reopened": [action.owner_id, action.solved_by_id],
        "corrective_action.overdue": [site.director, manager, action.owner_id],
    }[name]
