"""What Clientdesk tells people about clients and sites."""

from django.utils.translation import gettext_lazy as _

from clients.access import sites_visible_to
from events.registry import CLIENTS, Defaults, EventType, register

register(
    EventType(
        "site.team_changed",
        _("Your contact people at a site changed"),
        templates="clients/notifications",
        audience=CLIENTS,
        defaults=Defaults(in_app=True, email="now", sms=False),
        offers_sms=True,
        webhook=True,
        visible_to=sites_visible_to,
    )
)
