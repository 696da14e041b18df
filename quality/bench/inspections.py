"""Inspection plans and three years of published inspections, with their scores and actions.

Each site has a level of quality of its own (and elements that do not apply
there, like the demo's offices without skirting boards); each visit scores
around that level, so most sites score well and a few keep failing. The
index is computed by the service's own ``quality_index``; every score of 2
or lower opens its action with the configured deadline, as ``submit`` does.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType

from accounts.roles import Role
from clients.bench import SiteFacts
from common.benchdata import Bulk, Run, to_json
from events.bench import Happening, publish_past
from quality.bench import actions
from quality.bench.templates import Form
from quality.bench.told import Told
from quality.models import CorrectiveAction, Inspection, InspectionPlan, Score
from quality.models.actions import POOR
from quality.services.index import quality_index

INSPECTIONS = 300_000
# Sites inspected without a plan are visited about twice a year.
UNPLANNED_DAYS = 180
# Inspections written (and their events told) at a time.
CHUNK = 5_000
REMARKS = {
    "et": {
        1: ["Põrand kleepuv, prügi nurkades.", "Tualettruumis puudus seep ja paber."],
        2: ["Tolm riiulite all, prügi nurkades.", "Klaasidel näpujäljed."],
        3: ["Mõned plekid, üldiselt korras."],
    },
    "ru": {
        1: ["Пол липкий, мусор в углах.", "В туалете нет мыла и бумаги."],
        2: ["Пыль под стеллажами, мусор в углах.", "Отпечатки пальцев на стёклах."],
        3: ["Есть пятна, в целом порядок."],
    },
    "en": {
        1: ["Sticky floor, litter in the corners.", "No soap or paper in the toilets."],
        2: ["Dust under the shelves, litter in the corners.", "Fingerprints on the glass."],
        3: ["Some stains, generally fine."],
    },
}
GENERAL_REMARKS = {
    "et": "Üldine seis hea, tähelepanu nurkadele.",
    "ru": "В целом хорошо, обратить внимание на углы.",
    "en": "Good overall; mind the corners.",
}


@dataclass(slots=True)
class PlanFacts:
    trade: str
    inspector: int
    days: int


@dataclass(slots=True)
class Visit:
    at: datetime
    site_id: int
    inspector: int


class Scored:
    """What ``quality_index`` reads of a score."""

    __slots__ = ("score", "weight")

    def __init__(self, score: int | None, weight: int) -> None:
        self.score, self.weight = score, weight


class Inspectors:
    """The inspectors of a region (anyone when the region has none)."""

    def __init__(self, run: Run) -> None:
        staff, regions = run.shared["accounts.staff"], run.shared["accounts.region"]
        self.all = staff[Role.QUALITY_INSPECTOR]
        self.by_region: dict[str, list[int]] = {}
        for pk in self.all:
            self.by_region.setdefault(regions.get(pk, ""), []).append(pk)

    def pick(self, rng: random.Random, region: str) -> int:
        return rng.choice(self.by_region.get(region) or self.all)


def language(told: Told, site: SiteFacts) -> str:
    found = told.clients[site.client_id].language
    return found if found in ("et", "ru") else "en"


def plans(run: Run, forms: dict[str, Form], inspectors: Inspectors) -> dict[int, PlanFacts]:
    """Most sites have a plan: their trade's template, how often, and by whom."""
    rng = run.random("quality.plans")
    clients, sites = run.shared["clients.clients"], run.shared["clients.sites"]
    documented = run.shared["accounts.staff"][Role.QUALITY_INSPECTOR][0]
    found: dict[int, PlanFacts] = {}
    with run.part("inspection plans") as part, run.bulk() as bulk:
        for site in sites.values():
            client = clients[site.client_id]
            if client.tier == "private" or (client.tier != "chain" and rng.random() < 0.1):
                continue
            weeks = {"chain": 4, "big": rng.choice([4, 6, 8])}.get(
                client.tier, rng.choice([4, 8, 8, 12, 12, 16, 26])
            )
            inspector = inspectors.pick(rng, site.region)
            if client.tier == "chain" and site.region == "Tallinn":
                inspector = documented
            created = max(site.opened, run.start - timedelta(days=30))
            bulk.created(
                InspectionPlan,
                when=created,
                by=site.director,
                site_id=site.id,
                template_id=forms[site.trade].id,
                every=weeks,
                unit=InspectionPlan.Unit.WEEKS,
                inspector_id=inspector,
                starts_on=(created + timedelta(days=rng.randint(3, 20))).date(),
                version=1,
            )
            found[site.id] = PlanFacts(site.trade, inspector, weeks * 7)
        part.add(bulk.flush())
    return found


def schedule(run: Run, plans: dict[int, PlanFacts], inspectors: Inspectors) -> list[Visit]:
    """Every inspection of the three years, oldest first, spread by the plans' intervals.

    A site gets visits in proportion to how long it was active and how
    often its plan says; the visits fall in busy months more than in quiet ones.
    """
    rng = run.random("quality.schedule")
    clients, sites = run.shared["clients.clients"], run.shared["clients.sites"]
    weights: list[tuple[SiteFacts, float]] = []
    for site in sites.values():
        if clients[site.client_id].tier == "private":
            continue
        days = ((site.ended or run.now) - max(site.opened, run.start)).days
        plan = plans.get(site.id)
        if days > 0:
            weights.append((site, days / (plan.days if plan else UNPLANNED_DAYS)))
    total = run.count(INSPECTIONS, 50)
    whole = sum(weight for _site, weight in weights)
    visits = []
    for site, weight in weights:
        share = total * weight / whole
        count = int(share) + (rng.random() < share - int(share))
        plan = plans.get(site.id)
        for _n in range(count):
            at = run.calendar.moment(rng, site.opened + timedelta(days=7), site.ended)
            if plan is not None and rng.random() < 0.85:
                inspector = plan.inspector
            elif plan is None and rng.random() < 0.1:
                inspector = site.director  # a director inspects their own sites
            else:
                inspector = inspectors.pick(rng, site.region)
            visits.append(Visit(at, site.id, inspector))
    visits.sort(key=lambda visit: visit.at)
    return visits


class Writer:
    """Writes inspections with their scores, corrective actions, history and events."""

    def __init__(self, run: Run, told: Told, forms: dict[str, Form], plans, hours) -> None:
        self.run, self.told, self.forms, self.plans, self.hours = run, told, forms, plans, hours
        self.rng = run.random("quality.inspections")
        self.quality: dict[int, tuple[float, frozenset[int]]] = {}
        self.deadline_type = ContentType.objects.get_for_model(CorrectiveAction).pk
        self.spare = run.shared["accounts.staff"][Role.QUALITY_INSPECTOR][0]
        self.empty_json = to_json({})

    def form(self, site: SiteFacts) -> Form:
        """``plans.template_for``: the plan's template, else the default (retail) one."""
        plan = self.plans.get(site.id)
        return self.forms[plan.trade if plan else "retail"]

    def level(self, site: SiteFacts, form: Form) -> tuple[float, frozenset[int]]:
        found = self.quality.get(site.id)
        if found is None:
            rng = self.rng
            mean = min(4.8, max(3.2, rng.gauss(4.3, 0.3)))
            absent = frozenset(i.position for i in form.items if rng.random() < 0.04)
            found = self.quality[site.id] = (mean, absent)
        return found

    def answers(self, site: SiteFacts, form: Form, lang: str) -> list[tuple]:
        """(element, score or None for not applicable, remark) for each element of ``form``:
        around the site's level, with a remark for every 1–2 and some 3s."""
        rng = self.rng
        mean, absent = self.level(site, form)
        shift = rng.gauss(0, 0.25)
        answers: list[tuple] = []
        for item in form.items:
            if item.position in absent:
                answers.append((item, None, ""))
                continue
            value = min(5, max(1, round(rng.gauss(mean + shift, 0.72))))
            remarks = REMARKS[lang].get(value)
            remark = (
                rng.choice(remarks) if remarks and (value <= POOR or rng.random() < 0.2) else ""
            )
            answers.append((item, value, remark))
        return answers

    def write_all(self, visits: list[Visit]) -> None:
        with self.run.part("inspections, scores, actions") as part:
            for start in range(0, len(visits), CHUNK):
                happened: list[Happening] = []
                with self.run.bulk() as bulk:
                    for visit in visits[start : start + CHUNK]:
                        happened += self.inspection(bulk, visit)
                    part.add(bulk.flush())
                publish_past(self.run, happened)

    def inspection(self, bulk: Bulk, visit: Visit) -> list[Happening]:
        rng, told = self.rng, self.told
        site = told.sites[visit.site_id]
        form = self.form(site)
        lang = language(told, site)
        answers = self.answers(site, form, lang)
        published = visit.at
        started = published - timedelta(minutes=rng.randint(35, 120))
        pk = self.run.ids.new(Inspection)
        index = quality_index(Scored(value, item.weight) for item, value, _r in answers)
        row = {
            "id": pk,
            "site_id": site.id,
            "client_id": site.client_id,
            "template_id": form.id,
            "template_version": form.version,
            "template_names": form.names_json,
            "inspector_id": visit.inspector,
            "status": Inspection.Status.DRAFT,
            "started_at": started,
            "remarks": GENERAL_REMARKS[lang] if rng.random() < 0.1 else "",
            "version": 1,
        }
        bulk.history(Inspection, row, when=started, by=visit.inspector)
        row.update(
            status=Inspection.Status.PUBLISHED,
            published_at=published,
            quality_index=index,
            version=2,
        )
        bulk.add(Inspection, **row)
        bulk.history(Inspection, row, when=published, by=visit.inspector, kind="~")
        happened: list[Happening] = []
        opened = 0
        for item, value, remark in answers:
            score = bulk.add(
                Score,
                inspection_id=pk,
                position=item.position,
                area_names=item.area_json,
                element_names=item.element_json,
                weight=item.weight,
                score=value,
                not_applicable=value is None,
                remark=remark,
            )
            if value is not None and value <= POOR:
                opened += 1
                happened += self.action(bulk, site, item, score, value, remark, visit, lang)
        happened.insert(0, told.published(pk, site, visit.inspector, published, index, opened))
        return happened

    def action(self, bulk, site, item, score, value, remark, visit, lang) -> list[Happening]:
        opened = visit.at
        action = actions.ActionRow(
            id=self.run.ids.new(CorrectiveAction),
            site_id=site.id,
            client_id=site.client_id,
            score_id=score,
            area_rating_id=None,
            area_names=item.area,
            element_names=item.element,
            rated=value,
            problem=remark,
            owner_id=site.work_manager or site.director,
            opened_at=opened,
            due_at=opened + timedelta(hours=self.hours[value]),
        )
        plan = actions.course(self.rng, opened, action.due_at, self.run.now)
        return actions.write(
            bulk,
            self.told,
            self.rng,
            action,
            plan,
            by=visit.inspector,
            inspector=visit.inspector,
            spare=self.spare,
            language=lang,
            area_json=item.area_json,
            element_json=item.element_json,
            deadline_type=self.deadline_type,
            now=self.run.now,
        )
