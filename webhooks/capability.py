"""What webhooks add to Clientdesk (see common.capabilities)."""

from django.utils.translation import gettext_lazy as _

from accounts.access import can_manage_staff
from common.capabilities import ApiRoute, BenchData, Nav, Urls, register

register(
    Urls("webhooks/", "webhooks.urls"),
    Nav("staff", _("Webhooks"), "webhooks:list", order=50, visible_to=can_manage_staff),
    ApiRoute("webhooks", "webhooks.api.SubscriptionViewSet", "webhook"),
    BenchData("webhooks.bench.build", order=40),
)
