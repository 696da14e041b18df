"""What notifications add to Clientdesk (see common.capabilities)."""

from django.utils.translation import gettext_lazy as _

from accounts.access import can_manage_staff
from common.capabilities import ApiRoute, BenchData, BenchScenarios, Nav, Urls, register

register(
    Urls("notifications/", "notifications.urls"),
    Nav("staff", _("Outbox"), "notifications:outbox", order=40, visible_to=can_manage_staff),
    ApiRoute("notifications", "notifications.api.NotificationViewSet", "notification"),
    BenchData("notifications.bench.build", order=30),
    BenchScenarios("notifications.bench_scenarios.scenarios", order=30),
)
