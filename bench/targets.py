"""Whom the benchmark logs in as and which records it opens, found in the data at scale.

The generator (``make bench-data``, common/benchdata) makes its people with
fixed e-mail addresses (``common.benchdata.TARGETS``); in a database with
``manage.py seed_demo`` instead, the demo's people stand in. Records are
chosen by rule, not by id, so the same pages are measured at every scale:
the client of the chain's administrator, its site with the most published
inspections, that site's latest one.
"""

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from common.benchdata import TARGETS
from common.capabilities import DEMO_PASSWORD

# Who, in the demo company, if the data at scale's constants are not there.
DEMO_STAFF_EMAIL = "admin@clientdesk.example"
DEMO_CLIENT_ADMIN_EMAIL = "mari.kuusk@measika.example"
# How long the period filter of the inspection list spans: one month.
PERIOD_DAYS = 30


@dataclass(frozen=True)
class Targets:
    """The users and records the scenarios use (plain values, so results can print them)."""

    staff_email: str
    client_admin_email: str
    password: str
    client_id: int
    client_name: str
    client_sites: int
    site_id: int
    inspection_id: int
    period_from: date
    period_to: date
    source: str

    def as_dict(self) -> dict:
        values = asdict(self)
        values.pop("password")
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


# Tried in this order: the data at scale's people, then the demo's.
PEOPLE = (
    (TARGETS["staff_admin"], TARGETS["chain_admin"], "the data at scale (common.benchdata)"),
    (DEMO_STAFF_EMAIL, DEMO_CLIENT_ADMIN_EMAIL, "the demo (seed_demo)"),
)


def _people():
    """(staff user, chain administrator, where they come from) of the first pair found."""
    users = get_user_model().objects.select_related("membership__client")
    for staff_email, client_admin_email, source in PEOPLE:
        staff = users.filter(email=staff_email).first()
        client_admin = users.filter(email=client_admin_email).first()
        if staff is not None and client_admin is not None:
            return staff, client_admin, source
    raise LookupError("Neither the data at scale's users nor the demo's: is the data loaded?")


def find_targets() -> Targets:
    """Look up the benchmark's users and records; raises LookupError naming what is missing."""
    # Imported here: bench/run.py sets Django up before it asks.
    from clients.models import Site
    from quality.models import Inspection

    staff, client_admin, source = _people()
    client = client_admin.membership.client
    published = Q(inspections__status=Inspection.Status.PUBLISHED)
    site = (
        Site.objects.filter(client=client)
        .annotate(published=Count("inspections", filter=published))
        .order_by("-published", "pk")
        .first()
    )
    if site is None:
        raise LookupError(f"The client {client} has no sites.")
    inspection = (
        Inspection.objects.filter(site=site, status=Inspection.Status.PUBLISHED)
        .order_by("-published_at", "-pk")
        .first()
    )
    if inspection is None or inspection.published_at is None:
        raise LookupError(f"The site {site} has no published inspection.")
    period_to = inspection.published_at.date()
    return Targets(
        staff_email=staff.email,
        client_admin_email=client_admin.email,
        # Every login of the data at scale and of the demo has this password.
        password=DEMO_PASSWORD,
        client_id=client.pk,
        client_name=client.name,
        client_sites=Site.objects.filter(client=client).count(),
        site_id=site.pk,
        inspection_id=inspection.pk,
        period_from=period_to - timedelta(days=PERIOD_DAYS),
        period_to=period_to,
        source=source,
    )
