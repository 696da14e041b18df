from django.utils.translation import gettext_lazy as _

from events.registry import STAFF, Defaults, EventType, register

register(
    EventType(
        "delivery.failed",
        _("A message could not be delivered"),
        templates="notifications/events",
        audience=STAFF,
        # In the bell only: mailing news of a mail failure would go the same way.
        defaults=Defaults(in_app=True, email="off"),
        configurable=False,
    )
)
