"""The clients app's pages and API lists in ``make bench`` (see bench/scenario.py)."""

from django.urls import reverse

from bench.scenario import Scenario


def scenarios(targets) -> list[Scenario]:
    """Staff's client list and the chain's page; the chain's own sites, on the portal and API."""
    client, site = targets.client_id, targets.site_id
    sites_api = reverse("api:site-list")
    return [
        Scenario(
            "client list",
            reverse("clients:client_list"),
            "staff",
            what="the administrator's landing page: every client, first page",
            home=True,
        ),
        Scenario(
            "a client's page",
            reverse("clients:client_detail", args=[client]),
            "staff",
            kind="record",
            what=f"the chain ({targets.client_sites} sites): its details, contacts and counts",
        ),
        Scenario(
            "a client's sites",
            reverse("clients:client_sites", args=[client]),
            "staff",
            what="the chain's sites tab: the first 25 by name, with their contacts",
        ),
        Scenario(
            "a client's users",
            reverse("clients:client_user_list", args=[client]),
            "staff",
            what="the chain's users tab: the first 25 by name, with a site contact's sites",
        ),
        Scenario(
            "a client's history",
            reverse("clients:client_history", args=[client]),
            "staff",
            kind="record",
            what="the chain's history tab: its, its sites' and its people's newest 25 changes",
        ),
        Scenario(
            "my sites",
            reverse("portal:home"),
            "client",
            what=f"the client administrator's landing: the chain's {targets.client_sites} sites",
            home=True,
        ),
        Scenario(
            "a site's page",
            reverse("portal:site_detail", args=[site]),
            "client",
            kind="record",
            what="the chain's site with the most inspections: who is responsible",
        ),
        Scenario("sites", sites_api, "api-client", kind="api-list", what="first page of 50"),
        Scenario("sites", sites_api, "api-staff", kind="api-list", what="first page of 50"),
    ]
