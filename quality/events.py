"""What Clientdesk tells people about inspections, corrective actions and ratings."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.registry import CLIENTS, EVERYONE, STAFF, Defaults, EventType, register
from quality.access import actions_visible_to, inspections_visible_to, ratings_visible_to

TEMPLATES = "quality/notifications"


def _portal_home(target, recipient) -> str:
    return reverse("portal:home")


register(
    EventType(
        "inspection.published",
        _("A quality inspection of a site is published"),
        templates=TEMPLATES,
        audience=EVERYONE,
        defaults=Defaults(in_app=True, email="now"),
        webhook=True,
        visible_to=inspections_visible_to,
    )
)
register(
    EventType(
        "corrective_action.assigned",
        _("A corrective action is yours to solve"),
        templates=TEMPLATES,
        audience=STAFF,
        defaults=Defaults(in_app=True, email="now", sms=False),
        offers_sms=True,
        webhook=True,
        visible_to=actions_visible_to,
    )
)
register(
    EventType(
        "corrective_action.solved",
        _("A corrective action is solved"),
        templates=TEMPLATES,
        audience=EVERYONE,
        defaults=Defaults(in_app=True, email="now"),
        webhook=True,
        visible_to=actions_visible_to,
    )
)
register(
    EventType(
        "corrective_action.reopened",
        _("A solution did not pass the follow-up check"),
        templates=TEMPLATES,
        audience=STAFF,
        defaults=Defaults(in_app=True, email="now", sms=False),
        offers_sms=True,
        webhook=True,
        visible_to=actions_visible_to,
    )
)
register(
    EventType(
        "corrective_action.verified",
        _("A corrective action passed the follow-up check"),
        templates=TEMPLATES,
        audience=EVERYONE,
        defaults=Defaults(in_app=True, email="digest"),
        webhook=True,
        visible_to=actions_visible_to,
    )
)
register(
    EventType(
        "corrective_action.overdue",
        _("A corrective action is past its deadline"),
        templates=TEMPLATES,
        audience=STAFF,
        defaults=Defaults(in_app=True, email="now", sms=False),
        offers_sms=True,
        webhook=True,
        visible_to=actions_visible_to,
    )
)
register(
    EventType(
        "rating.submitted",
        _("A client rated the services of a site"),
        templates=TEMPLATES,
        audience=STAFF,
        defaults=Defaults(in_app=True, email="now"),
        webhook=True,
        visible_to=ratings_visible_to,
    )
)
register(
    EventType(
        "rating.reminder",
        _("Monthly reminder to rate our services"),
        templates=TEMPLATES,
        audience=CLIENTS,
        defaults=Defaults(in_app=True, email="now"),
        link=_portal_home,
    )
)
