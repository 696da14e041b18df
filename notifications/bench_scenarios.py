"""The bell, the notifications and the outbox in ``make bench`` (see bench/scenario.py)."""

from django.urls import reverse

from bench.scenario import Scenario


def scenarios(targets) -> list[Scenario]:
    """Each user's notifications and bell; the administrator's outbox; the API list."""
    notifications = reverse("notifications:list")
    notifications_api = reverse("api:notification-list")
    return [
        Scenario("notifications", notifications, "staff", what="newest first, first page"),
        Scenario(
            "bell count",
            reverse("notifications:bell"),
            "staff",
            kind="count",
            what="the unread count every page polls every 30 s",
        ),
        Scenario("outbox", reverse("notifications:outbox"), "staff", what="newest first"),
        Scenario("notifications", notifications, "client", what="newest first, first page"),
        Scenario("notifications", notifications_api, "api-client", kind="api-list"),
        Scenario("notifications", notifications_api, "api-staff", kind="api-list"),
    ]
