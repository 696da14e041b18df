"""Quality monitoring's pages, API lists and PDF in ``make bench`` (see bench/scenario.py)."""

from django.urls import reverse

from bench.scenario import Scenario


def scenarios(targets) -> list[Scenario]:
    """Inspections, schedule and corrective actions as staff; the chain's site as its client."""
    site, inspection = targets.site_id, targets.inspection_id
    inspections = reverse("quality:inspection_list")
    period = f"published_from={targets.period_from}&published_to={targets.period_to}"
    inspections_api = reverse("api:inspection-list")
    actions_api = reverse("api:corrective-action-list")
    return [
        Scenario("inspection list", inspections, "staff", what="default: newest first"),
        Scenario(
            "inspection list, by client",
            f"{inspections}?client={targets.client_id}",
            "staff",
            what="the chain's inspections",
        ),
        Scenario(
            "inspection list, by period",
            f"{inspections}?{period}",
            "staff",
            what=f"published {targets.period_from} to {targets.period_to}",
        ),
        Scenario("schedule", reverse("quality:schedule"), "staff", what="due within a week"),
        Scenario(
            "a site's quality page",
            reverse("quality:site", args=[site]),
            "staff",
            kind="record",
            what="latest inspection, index trend, open actions",
        ),
        Scenario(
            "corrective actions",
            reverse("quality:action_list"),
            "staff",
            what="default filter, overdue first",
        ),
        Scenario(
            "an inspection",
            reverse("quality:inspection_detail", args=[inspection]),
            "staff",
            kind="record",
            what="every score, remark and action of the site's latest inspection",
        ),
        Scenario(
            "a site's quality page",
            reverse("portal_quality:site", args=[site]),
            "client",
            kind="record",
            what="latest inspection, index trend, open actions",
        ),
        Scenario(
            "an inspection",
            reverse("portal_quality:inspection_detail", args=[inspection]),
            "client",
            kind="record",
            what="the same inspection on the portal",
        ),
        Scenario("inspections", inspections_api, "api-client", kind="api-list"),
        Scenario("inspections", inspections_api, "api-staff", kind="api-list"),
        Scenario("corrective actions", actions_api, "api-client", kind="api-list"),
        Scenario("corrective actions", actions_api, "api-staff", kind="api-list"),
        Scenario(
            "inspection PDF",
            reverse("quality_files:report", args=[inspection]),
            "staff",
            kind="pdf",
            what="the same inspection's PDF report, rendered per request",
        ),
    ]
