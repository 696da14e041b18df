"""Clients, sites and client users of the company at scale (part of ``make bench-data``).

The large company: 2,000 clients — one retail chain with exactly 200 stores,
a dozen big clients with hundreds of sites, some eighty middle-sized ones, a
long tail with 1–10 sites and private people with their home — 20,000 sites
and 5,000 client users: an administrator per client (more at the big ones),
a private customer per home, and site contacts who see only their sites
(``Membership.sites``), as ``clients.access`` reads them.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps

from accounts.bench import add_user, emails
from accounts.roles import Role
from clients.models import Client, Membership, Site
from common import benchdata
from common.benchdata import Bulk, Run
from common.benchdata.names import DISTRICTS, REGIONS, address, company, mobile, person

CLIENTS = 2_000
SITES = 20_000
CLIENT_USERS = 5_000
BIG_CLIENTS = 12
MIDDLE_CLIENTS = 80
PRIVATE_SHARE = 0.08
# Chain stores with a store manager who logs in.
CHAIN_MANAGED_STORES = 0.6


@dataclass(slots=True)
class ClientFacts:
    id: int
    name: str
    language: str
    tier: str  # chain, big, middle, tail or private
    trade: str  # retail, office, warehouse or home: which template its sites get
    account_manager: int
    created: datetime
    # The client's people who see every site: administrators, the private customer.
    admins: list[int] = field(default_factory=list)
    sites: list[int] = field(default_factory=list)


@dataclass(slots=True)
class SiteFacts:
    id: int
    client_id: int
    name: str
    region: str
    trade: str
    director: int
    work_manager: int | None
    opened: datetime
    # When it was paused or closed (None: active today).
    ended: datetime | None = None
    # Site contacts who see this site (the client's administrators see all).
    contacts: list[int] = field(default_factory=list)


@dataclass
class Plan:
    """A client before it is written: its tier, trade, language, regions and size."""

    tier: str
    trade: str
    language: str
    regions: list[str]
    sites: int
    name: str = ""
    registry_code: str = ""


def _chain_sites(run: Run) -> int:
    return benchdata.CHAIN_SITES if run.scale >= 0.1 else max(3, round(2000 * run.scale))


def _plans(run: Run, rng: random.Random) -> list[Plan]:
    """How many clients of each tier, of what size, adding up to the run's sites."""
    total_clients, total_sites = run.count(CLIENTS, 4), run.count(SITES, 30)
    every = list(REGIONS)
    plans = [
        Plan(
            "chain",
            "retail",
            "et",
            every,
            _chain_sites(run),
            benchdata.CHAIN_NAME,
            benchdata.CHAIN_REGISTRY_CODE,
        )
    ]
    private = max(1, round(total_clients * PRIVATE_SHARE))
    big = run.count(BIG_CLIENTS)
    middle = run.count(MIDDLE_CLIENTS)
    # Middle-sized clients shrink only below the small scale, so small keeps their shape.
    shrink = min(1.0, run.scale * 10)
    for _n in range(middle):
        trade = rng.choice(["office", "office", "retail", "warehouse"])
        plans.append(
            Plan(
                "middle",
                trade,
                _language(rng),
                rng.sample(every, 2),
                max(2, round(rng.randint(20, 150) * shrink)),
            )
        )
    for _n in range(max(0, total_clients - 1 - private - big - middle)):
        trade = rng.choice(["office", "office", "retail", "warehouse"])
        size = min(10, max(1, round(rng.paretovariate(1.2))))
        plans.append(Plan("tail", trade, _language(rng), [_home_region(rng)], size))
    for _n in range(private):
        plans.append(Plan("private", "home", _language(rng), [_home_region(rng)], 1))
    # The big clients share what is left; the first (the benchmark's) is the biggest.
    left = total_sites - sum(plan.sites for plan in plans)
    weights = sorted((rng.uniform(0.5, 1.5) for _n in range(big)), reverse=True)
    sizes = [max(1, round(left * weight / sum(weights))) for weight in weights]
    sizes[-1] = max(1, left - sum(sizes[:-1]))
    for number, size in enumerate(sizes):
        code = benchdata.BIG_CLIENT_REGISTRY_CODE if number == 0 else ""
        trade = ["office", "warehouse", "retail"][number % 3]
        language = "ru" if number % 4 == 3 else "et"
        plans.insert(1 + number, Plan("big", trade, language, every, size, registry_code=code))
    return plans


def _language(rng: random.Random) -> str:
    return rng.choices(["et", "ru", "en", "zh-hans"], weights=[62, 26, 9, 3])[0]


def _home_region(rng: random.Random) -> str:
    return rng.choices(list(REGIONS), weights=[48, 17, 12, 11, 12])[0]


SITE_WORDS = {
    "retail": {"et": "Kauplus „{}“", "ru": "Магазин «{}»", "en": "Store “{}”", "zh-hans": "{}店"},
    "office": {
        "et": "Büroohoone {}",
        "ru": "Бизнес-центр «{}»",
        "en": "{} Office",
        "zh-hans": "{}办公楼",
    },
    "warehouse": {"et": "Ladu {}", "ru": "Склад «{}»", "en": "{} Warehouse", "zh-hans": "{}仓库"},
    "home": {"et": "Kodu", "ru": "Дом", "en": "Home", "zh-hans": "家"},
}


def _site_name(rng: random.Random, trade: str, language: str, city: str, taken: set) -> str:
    pattern = SITE_WORDS[trade][language]
    base = pattern.format(rng.choice(DISTRICTS) if rng.random() < 0.6 else city)
    name, number = base, 1
    while name in taken:
        number += 1
        name = pattern.format(f"{rng.choice(DISTRICTS)} {number}")
    taken.add(name)
    return name


class Staffing:
    """Who directs and manages the work at a site of a region (anyone when the region has none)."""

    def __init__(self, run: Run) -> None:
        staff, regions = run.shared["accounts.staff"], run.shared["accounts.region"]
        self.by_region: dict[tuple[str, str], list[int]] = {}
        for role in (Role.SERVICE_DIRECTOR, Role.WORK_MANAGER):
            for pk in staff[role]:
                self.by_region.setdefault((role, regions[pk]), []).append(pk)
        self.staff = staff

    def pick(self, rng: random.Random, role: str, region: str) -> int:
        return rng.choice(self.by_region.get((role, region)) or self.staff[role])


def build(run: Run) -> None:
    """Clients and their sites, then their people with the sites they see."""
    maker = _Maker(run)
    with run.part("clients and sites") as part, run.bulk() as bulk:
        maker.bulk = bulk
        for plan in _plans(run, maker.rng):
            client = maker.client(plan)
            for _n in range(plan.sites):
                client.sites.append(maker.site(client, plan).id)
        part.add(bulk.flush())
    run.shared["clients.clients"] = maker.clients
    run.shared["clients.sites"] = maker.sites
    with run.part("client users") as part, run.bulk() as bulk:
        maker.bulk = bulk
        maker.people()
        part.add(bulk.flush())


def _fixed(run: Run, role: str) -> int:
    # The documented logins come first in their role (accounts.bench.FIXED).
    return run.shared["accounts.staff"][role][0]


class _Maker:
    def __init__(self, run: Run) -> None:
        self.run = run
        self.rng = run.random("clients")
        self.bulk: Bulk = run.bulk()
        self.staffing = Staffing(run)
        self.clients: dict[int, ClientFacts] = {}
        self.sites: dict[int, SiteFacts] = {}
        self.names: set[str] = set()
        self.site_names: set[str] = set()
        self.emails = emails(run)
        self.targets = run.shared.setdefault("targets", {})

    def client(self, plan: Plan) -> ClientFacts:
        run, rng = self.run, self.rng
        managers = run.shared["accounts.staff"][Role.ACCOUNT_MANAGER]
        # The documented account manager looks after the chain and the biggest client.
        documented = plan.tier == "chain" or bool(plan.registry_code)
        manager = managers[0] if documented else rng.choice(managers)
        if plan.tier in ("chain", "big", "middle") or rng.random() < 0.55:
            created = run.start - timedelta(days=rng.randint(1, 5 * 365))
        else:
            created = run.calendar.moment(rng, before=run.now - timedelta(days=20))
        language = plan.language
        owner = person(rng, language) if plan.tier == "private" else None
        name = plan.name or (owner.full_name if owner else company(rng, language))
        where, city = address(rng, plan.regions[0])
        if name in self.names:
            name = f"{name} ({city})"
        self.names.add(name)
        number = len(self.clients) + 1
        code = plan.registry_code
        if not code and plan.tier != "private":
            code = f"{rng.randint(10_000_000, 99_999_999)}-{number}"
        pk = self.bulk.created(
            Client,
            when=created,
            by=manager,
            kind=Client.Kind.PERSON if plan.tier == "private" else Client.Kind.ORGANISATION,
            name=name,
            registry_code=code,
            language=language,
            address=where,
            email=f"info@c{number}.bench.example",
            phone=mobile(rng, language),
            account_manager_id=manager,
            internal_notes="Arved kuu lõpus." if rng.random() < 0.2 else "",
            is_active=True,
            created_at=created,
            version=1,
        )
        facts = ClientFacts(pk, name, language, plan.tier, plan.trade, manager, created)
        self.clients[pk] = facts
        if plan.tier == "chain":
            self.targets["chain_client_id"] = pk
        if plan.registry_code == benchdata.BIG_CLIENT_REGISTRY_CODE:
            self.targets["big_client_id"] = pk
        self.site_names = set()
        return facts

    def site(self, client: ClientFacts, plan: Plan) -> SiteFacts:
        run, rng = self.run, self.rng
        region = rng.choice(plan.regions)
        where, city = address(rng, region)
        director = self.staffing.pick(rng, Role.SERVICE_DIRECTOR, region)
        manager = (
            self.staffing.pick(rng, Role.WORK_MANAGER, region) if rng.random() < 0.92 else None
        )
        if client.tier == "chain" and region == "Tallinn":
            director = _fixed(run, Role.SERVICE_DIRECTOR)
            manager = _fixed(run, Role.WORK_MANAGER)
        if client.tier == "private":
            manager = None
        opened = client.created + timedelta(days=rng.randint(0, 30))
        if client.tier in ("chain", "big", "middle") and rng.random() < 0.2:
            opened = run.calendar.moment(rng, before=run.now - timedelta(days=30))
        name = _site_name(rng, plan.trade, client.language, city, self.site_names)
        status, ended = Site.Status.ACTIVE, None
        roll = rng.random()
        if roll < 0.06 and client.tier != "chain":
            status = Site.Status.PAUSED if roll < 0.03 else Site.Status.CLOSED
            ended = run.calendar.moment(rng, after=max(opened, run.start) + timedelta(days=60))
        row = {
            "client_id": client.id,
            "name": name,
            "address": where,
            "status": status,
            "service_director_id": director,
            "work_manager_id": manager,
            "internal_notes": "Võti valvelauas." if rng.random() < 0.1 else "",
            "created_at": opened,
            "version": 2 if ended else 1,
        }
        row["id"] = self.bulk.add(Site, **row)
        by = client.account_manager
        self.bulk.history(Site, {**row, "status": Site.Status.ACTIVE}, when=opened, by=by)
        if ended is not None:
            self.bulk.history(Site, row, when=ended, by=by, kind="~")
        facts = SiteFacts(
            row["id"], client.id, name, region, plan.trade, director, manager, opened, ended
        )
        self.sites[facts.id] = facts
        return facts

    def people(self) -> None:
        """Administrators and private customers first, then site contacts up to the total."""
        run, rng = self.run, self.rng
        total = run.count(CLIENT_USERS, 10)
        made = 0
        for client in self.clients.values():
            admins = {"chain": 3, "big": rng.randint(2, 4), "middle": rng.randint(1, 2)}
            for number in range(admins.get(client.tier, 1)):
                email = ""
                if number == 0 and client.tier == "chain":
                    email = benchdata.CHAIN_ADMIN_EMAIL
                elif number == 0 and client.id == self.targets.get("big_client_id"):
                    email = benchdata.BIG_CLIENT_ADMIN_EMAIL
                private = client.tier == "private"
                role = Role.PRIVATE_CUSTOMER if private else Role.CLIENT_ADMIN
                client.admins.append(self.client_user(client, role, email, []))
                made += 1
        chain = next(c for c in self.clients.values() if c.tier == "chain")
        # The chain's regional manager sees five stores; store managers their own store.
        email = benchdata.CHAIN_CONTACT_EMAIL
        self.client_user(chain, Role.SITE_CONTACT, email, chain.sites[:5])
        made += 1
        for site in chain.sites[5 : 5 + round(len(chain.sites) * CHAIN_MANAGED_STORES)]:
            if made >= total:
                break
            self.client_user(chain, Role.SITE_CONTACT, "", [site])
            made += 1
        others = [c for c in self.clients.values() if c.tier not in ("chain", "private")]
        weights = [len(c.sites) ** 0.8 for c in others]
        while made < total:
            client = rng.choices(others, weights=weights)[0]
            roll = rng.random()
            count = 1 if roll < 0.65 else rng.randint(2, 5) if roll < 0.9 else rng.randint(6, 30)
            seen = rng.sample(client.sites, min(count, len(client.sites)))
            self.client_user(client, Role.SITE_CONTACT, "", seen)
            made += 1

    def client_user(self, client: ClientFacts, role: str, email: str, seen: list[int]) -> int:
        run, rng, bulk = self.run, self.rng, self.bulk
        who = person(rng, client.language if rng.random() < 0.75 else None)
        domain = "chain.bench.example" if client.tier == "chain" else f"c{client.id}.bench.example"
        if client.tier == "private":
            domain = "mail.bench.example"
        address = self.emails.take(email) if email else self.emails.unique(who.local, domain)
        joined = max(client.created, run.start - timedelta(days=400))
        joined += timedelta(days=rng.randint(0, 20))
        if role == Role.SITE_CONTACT and rng.random() < 0.4:
            joined = run.calendar.moment(rng, after=joined, before=run.now - timedelta(days=10))
        # The account manager invites the administrators; they invite their contacts.
        inviter = client.admins[0] if client.admins else client.account_manager
        pk = add_user(
            run,
            bulk,
            email=address,
            who=who,
            role=role,
            joined=joined,
            invited_by=inviter,
            phone=mobile(rng, who.language) if rng.random() < 0.7 else "",
            last_login=run.now - timedelta(hours=rng.randint(1, 24 * 60)),
        )
        for key, target in TARGET_KEYS.items():
            if email == target:
                self.targets[key] = pk
        membership = {"user_id": pk, "client_id": client.id}
        membership["id"] = bulk.add(Membership, **membership)
        history = bulk.history(Membership, membership, when=joined, by=inviter)
        for site_id in seen:
            link = bulk.add(
                Membership.sites.through, membership_id=membership["id"], site_id=site_id
            )
            bulk.add(
                _sites_snapshot(),
                id=link,
                membership_id=membership["id"],
                site_id=site_id,
                history_id=history,
            )
            self.sites[site_id].contacts.append(pk)
        return pk


TARGET_KEYS = {
    "chain_admin_id": benchdata.CHAIN_ADMIN_EMAIL,
    "chain_contact_id": benchdata.CHAIN_CONTACT_EMAIL,
    "big_client_admin_id": benchdata.BIG_CLIENT_ADMIN_EMAIL,
}


def _sites_snapshot():
    # django-simple-history's snapshot of a membership's sites, one row per site.
    return apps.get_model("clients", "HistoricalMembership_sites")
