"""The provider's people in the company at scale: 500 staff in believable proportion.

Part of ``make bench-data`` (see common.benchdata). Every login shares one
password hash of DEMO_PASSWORD: hashing it with argon2 for each of 5,500
people would take longer than the rest of the data.
"""

import random
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password

from accounts.models import User
from accounts.roles import Role
from common import benchdata
from common.benchdata import Bulk, Run
from common.benchdata.names import Emails, Person, mobile, person
from common.capabilities import DEMO_PASSWORD
from common.validators import normalise_phone

# The large company's staff (500), by role.
STAFF = {
    Role.ADMINISTRATOR: 5,
    Role.ACCOUNT_MANAGER: 40,
    Role.SERVICE_DIRECTOR: 45,
    Role.WORK_MANAGER: 200,
    Role.QUALITY_INSPECTOR: 90,
    Role.OPERATOR: 60,
    Role.REVIEWER: 20,
    Role.TECHNICIAN: 40,
}
# Roles that work in one region: their sites are there.
REGIONAL = (Role.SERVICE_DIRECTOR, Role.WORK_MANAGER, Role.QUALITY_INSPECTOR)
REGION_WEIGHTS = {
    "Tallinn": 45,
    "Tartu": 17,
    "Pärnu": 12,
    "Ida-Viru": 12,
    "Saint Petersburg": 14,
}
TITLES = {
    Role.ADMINISTRATOR: ("Süsteemi administraator", "Системный администратор", "Administrator"),
    Role.ACCOUNT_MANAGER: ("Kliendihaldur", "Менеджер по работе с клиентами", "Account manager"),
    Role.SERVICE_DIRECTOR: ("Teenindusdirektor", "Директор по обслуживанию", "Service director"),
    Role.WORK_MANAGER: ("Tööjuht", "Заведующий работами", "Work manager"),
    Role.QUALITY_INSPECTOR: ("Kvaliteedispetsialist", "Инспектор качества", "Quality inspector"),
    Role.OPERATOR: ("Klienditeenindaja", "Оператор клиентской службы", "Operator"),
    Role.REVIEWER: ("Kvaliteedijuht", "Руководитель по качеству", "Quality manager"),
    Role.TECHNICIAN: ("Hooldustehnik", "Техник", "Technician"),
}
# The documented logins: (e-mail, role, region).
FIXED = [
    (benchdata.STAFF_ADMIN_EMAIL, Role.ADMINISTRATOR, None),
    (benchdata.ACCOUNT_MANAGER_EMAIL, Role.ACCOUNT_MANAGER, None),
    (benchdata.SERVICE_DIRECTOR_EMAIL, Role.SERVICE_DIRECTOR, "Tallinn"),
    (benchdata.WORK_MANAGER_EMAIL, Role.WORK_MANAGER, "Tallinn"),
    (benchdata.INSPECTOR_EMAIL, Role.QUALITY_INSPECTOR, "Tallinn"),
]
STAFF_DOMAIN = "clientdesk.bench.example"


def password(run: Run) -> str:
    """The hash of DEMO_PASSWORD every login of the run shares, made once."""
    if "accounts.password" not in run.shared:
        run.shared["accounts.password"] = make_password(DEMO_PASSWORD)
    return run.shared["accounts.password"]


def emails(run: Run) -> Emails:
    """The run's register of addresses, so every part's people stay unique."""
    return run.shared.setdefault("accounts.emails", Emails())


def add_user(
    run: Run,
    bulk: Bulk,
    *,
    email: str,
    who: Person,
    role: str,
    joined: datetime,
    invited_by: int | None,
    phone: str = "",
    title: str = "",
    last_login: datetime | None = None,
) -> int:
    """Write one login (with its history row: created when invited, by who invited it)."""
    administrator = role == Role.ADMINISTRATOR
    pk = bulk.created(
        User,
        when=joined,
        by=invited_by,
        email=email,
        password=password(run),
        last_login=last_login,
        is_superuser=administrator,
        full_name=who.full_name,
        role=role,
        title=title,
        phone=normalise_phone(phone) or phone if phone else "",
        language=who.language,
        is_active=True,
        is_staff=administrator,
        date_joined=joined,
        invited_at=joined if invited_by else None,
        invited_by_id=invited_by,
    )
    run.shared.setdefault("accounts.names", {})[pk] = who.full_name
    return pk


def _title(role: str, language: str) -> str:
    estonian, russian, english = TITLES[role]
    return {"et": estonian, "ru": russian}.get(language, english)


def _region(rng: random.Random) -> str:
    return rng.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]


def _language(rng: random.Random, region: str | None) -> str | None:
    if region == "Saint Petersburg":
        return "ru"
    if region == "Ida-Viru" and rng.random() < 0.8:
        return "ru"
    return None


def build(run: Run) -> None:
    """The provider's staff, by role; regional roles spread over the regions."""
    rng = run.random("accounts.staff")
    register = emails(run)
    staff: dict[str, list[int]] = {role: [] for role in STAFF}
    regions: dict[int, str] = {}
    with run.part("staff") as part, run.bulk() as bulk:
        planned = [(email, role, region) for email, role, region in FIXED]
        for role, large in STAFF.items():
            fixed = sum(1 for _email, fixed_role, _r in FIXED if fixed_role == role)
            for _number in range(run.count(large) - fixed):
                planned.append(("", role, _region(rng) if role in REGIONAL else None))
        admin = None
        for email, role, region in planned:
            if role in REGIONAL and region is None:
                region = _region(rng)
            who = person(rng, _language(rng, region))
            address = register.take(email) if email else register.unique(who.local, STAFF_DOMAIN)
            # Everyone was hired before the three years began, so every record
            # of those years can name them.
            joined = run.start - timedelta(days=rng.randint(30, 6 * 365))
            pk = add_user(
                run,
                bulk,
                email=address,
                who=who,
                role=role,
                joined=joined,
                invited_by=admin,
                phone=mobile(rng, who.language),
                title=_title(role, who.language),
                last_login=run.now - timedelta(hours=rng.randint(1, 24 * 20)),
            )
            admin = admin or pk
            staff[role].append(pk)
            if region is not None:
                regions[pk] = region
        part.add(bulk.flush())
    run.shared["accounts.staff"] = staff
    run.shared["accounts.region"] = regions
    run.shared.setdefault("targets", {})["staff_admin_id"] = staff[Role.ADMINISTRATOR][0]
