"""What accounts add to Clientdesk (see common.capabilities)."""

from django.utils.translation import gettext_lazy as _

from accounts.access import can_manage_staff
from common.capabilities import ApiPath, ApiRoute, BenchData, Nav, Urls, register

register(
    Urls("accounts/", "accounts.urls"),
    Nav("staff", _("Staff"), "accounts:staff_list", order=30, visible_to=can_manage_staff),
    # Django's admin site, where administrators configure the system.
    Nav("staff", _("Configuration"), "admin:index", order=60, visible_to=can_manage_staff),
    ApiPath("me/", "accounts.api.MeView", name="me"),
    ApiRoute("staff-users", "accounts.api.StaffUserViewSet", "staff-user"),
    BenchData("accounts.bench.build", order=10),
)
