"""The isolation matrix's rows for webhook subscriptions and their calls."""

from common.tests.isolation.roles import signed_in, tokens
from common.tests.isolation.rows import api, page
from webhooks import services
from webhooks.models import Call

EVENTS = ["site.team_changed"]


def _subscription(w):
    return services.subscribe(w.user("ca_b"), url="https://nevsky.example/hooks", events=EVENTS)


def _call(w):
    return Call.objects.create(
        subscription=w["subscription"],
        event="ping",
        event_id="ping:isolation",
        payload={},
        status=Call.Status.FAILED,
    )


RECORDS = {"subscription": _subscription, "call": _call}


def _subscription_form(w):
    return {"url": "https://probe.example/hooks", "events": EVENTS, "is_active": "on"}


SUBSCRIBERS = "admin ca ca_b"  # may use webhooks at all (``can_subscribe``)

ROWS = [
    # Pages: the administrator has the provider's subscriptions, a client
    # administrator their client's; another's is missing to everyone.
    page(
        "webhooks:list",
        needs=("call",),
        data=_subscription_form,
        GET=signed_in(200, SUBSCRIBERS, others=403),
        POST=signed_in(302, SUBSCRIBERS, others=403),
        OTHER=signed_in(200, SUBSCRIBERS, others=403),
    ),
    page(
        "webhooks:detail",
        "subscription",
        data=_subscription_form,
        GET=signed_in(200, "ca_b"),
        POST=signed_in(302, "ca_b"),
        OTHER=signed_in(200, "ca_b"),
    ),
    *(
        page(
            name,
            kind,
            GET=signed_in(others=405),
            POST=signed_in(302, "ca_b"),
            OTHER=signed_in(others=405),
        )
        for name, kind in [
            ("webhooks:ping", "subscription"),
            ("webhooks:rotate", "subscription"),
            ("webhooks:delete", "subscription"),
            ("webhooks:resend", "call"),
        ]
    ),
    # The API refuses whoever may not subscribe before it looks for the record (403).
    api(
        "api:webhook-list",
        needs=("call",),
        data=lambda w: {"url": "https://probe.example/hooks", "events": EVENTS},
        GET=tokens(200, SUBSCRIBERS, others=403),
        POST=tokens(201, SUBSCRIBERS, others=403),
        PUT=tokens(405, SUBSCRIBERS, others=403),
        PATCH=tokens(405, SUBSCRIBERS, others=403),
        DELETE=tokens(405, SUBSCRIBERS, others=403),
    ),
    api(
        "api:webhook-detail",
        "subscription",
        data=lambda w: {"description": "Changed by a probe"},
        GET=tokens(404, "admin ca", others=403) | {"ca_b": 200},
        POST=tokens(405, SUBSCRIBERS, others=403),
        PUT=tokens(405, SUBSCRIBERS, others=403),
        PATCH=tokens(404, "admin ca", others=403) | {"ca_b": 200},
        DELETE=tokens(404, "admin ca", others=403) | {"ca_b": 204},
    ),
    api(
        "api:webhook-calls",
        "subscription",
        GET=tokens(404, "admin ca", others=403) | {"ca_b": 200},
        POST=tokens(405, SUBSCRIBERS, others=403),
        PUT=tokens(405, SUBSCRIBERS, others=403),
        PATCH=tokens(405, SUBSCRIBERS, others=403),
        DELETE=tokens(405, SUBSCRIBERS, others=403),
    ),
    *(
        api(
            name,
            "subscription",
            GET=tokens(405, SUBSCRIBERS, others=403),
            POST=tokens(404, "admin ca", others=403) | {"ca_b": answer},
            PUT=tokens(405, SUBSCRIBERS, others=403),
            PATCH=tokens(405, SUBSCRIBERS, others=403),
            DELETE=tokens(405, SUBSCRIBERS, others=403),
        )
        for name, answer in [("api:webhook-ping", 202), ("api:webhook-rotate-secret", 200)]
    ),
]
