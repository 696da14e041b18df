"""The isolation matrix's rows for notifications and the outbox."""

from common.tests.isolation.roles import signed_in, staff_page, tokens
from common.tests.isolation.rows import api, page
from notifications.models import Delivery, Notification


def _notification(w):
    person, site = w.user("ca_b"), w["site"]
    return Notification.objects.create(
        recipient=person,
        key=f"isolation:{person.pk}",
        event="site.team_changed",
        params={"site": site.name},
        link=site.get_portal_url(),
    )


def _delivery(w):
    notification = w["notification"]
    return Delivery.objects.create(
        key=f"isolation:{notification.pk}:email",
        recipient=notification.recipient,
        channel="email",
        notification=notification,
        address=notification.recipient.email,
        status=Delivery.Status.FAILED,
        last_error="Mail server: refused",
    )


RECORDS = {"notification": _notification, "delivery": _delivery}

ROWS = [
    # One's own notifications: another person's answers as if it did not exist.
    page(
        "notifications:list",
        needs=("notification",),
        GET=signed_in(others=200),
        POST=signed_in(others=200),
        OTHER=signed_in(others=200),
    ),
    page(
        "notifications:bell",
        needs=("notification",),
        # Nobody logged in: 286 tells htmx to stop polling.
        GET=signed_in(others=200) | {"anon": 286},
        POST=signed_in(others=200) | {"anon": 286},
        OTHER=signed_in(others=200) | {"anon": 286},
    ),
    page(
        "notifications:mark_all_read",
        needs=("notification",),
        GET=signed_in(others=405),
        POST=signed_in(others=302),
        OTHER=signed_in(others=405),
    ),
    page(
        "notifications:open",
        "notification",
        # Following the link marks it read, whatever the method.
        GET=signed_in(302, "ca_b"),
        POST=signed_in(302, "ca_b"),
        OTHER=signed_in(302, "ca_b"),
    ),
    page(
        "notifications:mark_read",
        "notification",
        GET=signed_in(others=405),
        POST=signed_in(302, "ca_b"),
        OTHER=signed_in(others=405),
    ),
    page(
        "notifications:settings",
        data=lambda w: {"reset": "1"},
        GET=signed_in(others=200),
        POST=signed_in(others=302),
        OTHER=signed_in(others=200),
    ),
    page(
        "notifications:client_defaults",
        # An empty form is re-shown: the defaults are the client administrator's own.
        GET=signed_in(200, "ca ca_b", others=403),
        POST=signed_in(200, "ca ca_b", others=403),
        OTHER=signed_in(200, "ca ca_b", others=403),
    ),
    # The outbox is the administrator's; a delivery of anyone is "missing" to the rest.
    page(
        "notifications:outbox",
        needs=("delivery",),
        GET=staff_page(200, "admin", others=403),
        POST=staff_page(200, "admin", others=403),
        OTHER=staff_page(200, "admin", others=403),
    ),
    page(
        "notifications:retry",
        "delivery",
        GET=signed_in(others=405),
        POST=signed_in(302, "admin"),
        OTHER=signed_in(others=405),
    ),
    api(
        "api:notification-list",
        needs=("notification",),
        GET=tokens(others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:notification-read-all",
        needs=("notification",),
        GET=tokens(others=405),
        POST=tokens(others=200),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:notification-detail",
        "notification",
        GET=tokens(200, "ca_b"),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:notification-read",
        "notification",
        GET=tokens(others=405),
        POST=tokens(200, "ca_b"),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
]
