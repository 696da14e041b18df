"""What notifications add to Clientdesk (see common.capabilities)."""

from django.utils.translation import gettext_lazy as _

from accounts.access import can_manage_staff
from common.capabilities import ApiRoute, Nav, Urls, register

register(
    Urls("notifications/", "notifications.urls"),
    Nav("staff", _("Outbox"), "notifications:outbox", order=40, visible_to=can_manage_staff),
    ApiRoute("notifications", "notifications.api.NotificationViewSet", "notification"),
)
