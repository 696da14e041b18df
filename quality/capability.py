"""What quality monitoring adds to Clientdesk (see common.capabilities)."""

from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from common.capabilities import (
    ApiRoute,
    BenchData,
    BenchScenarios,
    DemoData,
    Landing,
    Nav,
    Picker,
    SiteTab,
    Urls,
    register,
)

register(
    Urls("desk/quality/", "quality.urls.staff"),
    Urls("portal/quality/", "quality.urls.portal"),
    Urls("quality/", "quality.urls.files"),
    Nav("staff", _("Quality"), "quality:inspection_list", order=20),
    Landing("staff", "quality:schedule", roles=frozenset({Role.QUALITY_INSPECTOR})),
    # A work manager starts on their own open corrective actions ("Only mine" ticked).
    Landing("staff", "quality:action_list", "?mine=on", roles=frozenset({Role.WORK_MANAGER})),
    SiteTab("staff", _("Quality"), "quality:site", order=20),
    SiteTab("portal", _("Quality"), "portal_quality:site", order=20),
    ApiRoute("inspections", "quality.api.InspectionViewSet", "inspection"),
    ApiRoute("corrective-actions", "quality.api.CorrectiveActionViewSet", "corrective-action"),
    ApiRoute("ratings", "quality.api.RatingViewSet", "rating"),
    ApiRoute("inspection-templates", "quality.api.TemplateViewSet", "inspection-template"),
    # After the clients' demo: it inspects their sites, by their people.
    DemoData("quality.demo.seed", order=20),
    # After clients, notifications and webhooks: its events reach their listeners.
    BenchData("quality.bench.build", order=50),
    BenchScenarios("quality.bench_scenarios.scenarios", order=20),
    Picker(
        "inspectors",
        "quality.queries.inspectors",
        # Names only: a client's people pick inspectors too, and must not be
        # able to probe for an address.
        search=("full_name__icontains",),
        ordering=("full_name", "pk"),
    ),
)
