"""Webhooks: signed calls to a receiver on loopback, retried after a failure, logged."""

import json
import time
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from notifications.tests.helpers import change_site_team
from webhooks import sending, services, signing, tasks
from webhooks.models import Call, Subscription


def subscribe(client, user, url, events=("site.team_changed",)):
    client.force_login(user)
    response = client.post(
        reverse("webhooks:list"), {"url": url, "events": list(events), "description": "ERP"}
    )
    assert response.status_code == 302, response.content
    return Subscription.objects.get(url=url)


def test_an_administrator_subscribes_and_receives_a_signed_call(
    client, cast, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(client, cast.staff.admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast)

    [call] = receiver.calls
    body = call["body"]
    assert call["headers"]["Clientdesk-Event"] == "site.team_changed"
    assert signing.verify(
        subscription.secret, call["headers"]["Clientdesk-Signature"], body, int(time.time())
    )
    assert not signing.verify(
        "wrong", call["headers"]["Clientdesk-Signature"], body, int(time.time())
    )
    payload = json.loads(body)
    assert payload["type"] == "site.team_changed"
    assert payload["object"] == {"type": "site", "id": cast.site_a1.pk}
    assert payload["data"]["site"] == "Mammu"

    logged = Call.objects.get()
    assert logged.status == Call.Status.SENT
    [attempt] = logged.attempt_log.all()
    assert attempt.status_code == 204 and attempt.duration_ms >= 0


def test_a_failed_call_is_retried_and_the_attempts_are_logged(
    client, cast, receiver, django_capture_on_commit_callbacks
):
    subscribe(client, cast.staff.admin, receiver.url)
    receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast)
    call = Call.objects.get()
    assert call.status == Call.Status.PENDING
    assert "500" in call.last_error

    with time_machine.travel(call.next_attempt_at + timedelta(seconds=1)):
        tasks.deliver_due_calls_job()
        tasks.deliver_due_calls_job()
    call.refresh_from_db()
    assert call.status == Call.Status.SENT
    assert [a.status_code for a in call.attempt_log.order_by("at", "pk")] == [500, 204]
    assert len(receiver.calls) == 2
    # Both attempts carry the same event id, so the receiver can drop the duplicate.
    assert {c["headers"]["Clientdesk-Event-Id"] for c in receiver.calls} == {call.event_id}


def test_a_client_administrators_subscription_hears_only_of_their_client(
    client, cast, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(client, cast.admin_b.user, receiver.url)
    assert subscription.client == cast.client_b
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast)  # client A's store
    assert receiver.calls == []
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast, site=cast.site_b1, by=cast.staff.other_account_manager)
    assert len(receiver.calls) == 1


def test_ping_and_secret_rotation(client, cast, receiver, django_capture_on_commit_callbacks):
    subscription = subscribe(client, cast.staff.admin, receiver.url)
    old = subscription.secret
    client.post(reverse("webhooks:rotate", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.secret != old
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("webhooks:ping", args=[subscription.pk]), follow=True)
    assert "A test call is on its way" in response.text
    [call] = receiver.calls
    header, body, now = call["headers"]["Clientdesk-Signature"], call["body"], int(time.time())
    # During the grace day both the new and the old secret sign.
    assert signing.verify(subscription.secret, header, body, now)
    assert signing.verify(old, header, body, now)
    assert json.loads(body)["type"] == "ping"
    with time_machine.travel(subscription.previous_secret_until + timedelta(minutes=1)):
        assert sending._signing_secrets(subscription) == [subscription.secret]


def test_a_bad_subscription_is_explained_and_nothing_is_saved(client, cast):
    client.force_login(cast.staff.admin)
    response = client.post(reverse("webhooks:list"), {"url": "ftp://x.example", "events": []})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Subscription.objects.exists()


def test_only_administrators_and_client_administrators_manage_webhooks(client, cast):
    for person in (cast.staff.account_manager, cast.contact_a.user):
        client.force_login(person)
        assert client.get(reverse("webhooks:list")).status_code == 403


def test_old_signatures_are_refused_by_the_verifier():
    body = b"{}"
    header = signing.header(["s"], 1_000_000, body)
    assert signing.verify("s", header, body, 1_000_000 + 60)
    assert not signing.verify("s", header, body, 1_000_000 + 600)


def test_subscriptions_are_managed_over_the_api_too(
    cast, receiver, django_capture_on_commit_callbacks
):
    from api.tests.helpers import token_client

    api = token_client(cast.admin_a.user)
    created = api.post(
        "/api/v1/webhooks/", {"url": receiver.url, "events": ["site.team_changed"]}, format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["client"] == cast.client_a.pk and len(body["secret"]) == 64
    url = f"/api/v1/webhooks/{body['id']}/"
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post(url + "ping/").status_code == 202
    [call] = api.get(url + "calls/").json()["results"]
    assert call["event"] == "ping" and call["status"] == "sent"
    assert call["attempts"][0]["status_code"] == 204
    rotated = api.post(url + "rotate-secret/").json()
    assert rotated["secret"] != body["secret"]
    assert api.patch(url, {"is_active": False}, format="json").json()["is_active"] is False
    bad = api.post(
        "/api/v1/webhooks/",
        {"url": receiver.url, "events": ["account.password_reset"]},
        format="json",
    )
    assert bad.status_code == 400
    assert api.delete(url).status_code == 204
    assert token_client(cast.contact_a.user).get("/api/v1/webhooks/").status_code == 403


def test_the_call_log_query_count_does_not_grow(client, cast, count_queries):
    from api.tests.helpers import token_client
    from webhooks.models import Attempt

    subscription = services.subscribe(
        cast.staff.admin, url="https://erp.example/hooks", events=["site.team_changed"]
    )

    def add_calls(n):
        for _i in range(n):
            call = Call.objects.create(
                subscription=subscription,
                event="ping",
                event_id=f"e{Call.objects.count()}",
                payload={},
            )
            Attempt.objects.create(call=call, status_code=500, duration_ms=12)
            Attempt.objects.create(call=call, status_code=204, duration_ms=9)

    client.force_login(cast.staff.admin)
    api = token_client(cast.staff.admin)
    page_url = reverse("webhooks:detail", args=[subscription.pk])
    api_url = f"/api/v1/webhooks/{subscription.pk}/calls/"
    api.get("/api/v1/webhooks/")
    add_calls(1)
    counts = [
        count_queries(lambda u=u, c=c: c.get(u))[1] for c, u in ((client, page_url), (api, api_url))
    ]
    add_calls(10)
    assert [
        count_queries(lambda u=u, c=c: c.get(u))[1] for c, u in ((client, page_url), (api, api_url))
    ] == counts


def test_only_a_failed_call_is_sent_again(client, cast):
    from common.states import InvalidState

    subscription = services.subscribe(
        cast.staff.admin, url="https://hooks.example/in", events=["site.team_changed"]
    )
    call = Call.objects.create(
        subscription=subscription, event="ping", event_id="e-sent", payload={}, status="sent"
    )
    with pytest.raises(InvalidState, match=r"Its status is now “Delivered”\."):
        services.send_again(call, by=cast.staff.admin)
    client.force_login(cast.staff.admin)
    page = client.post(reverse("webhooks:resend", args=[call.pk]), follow=True)
    assert "Only a failed call can be sent again." in page.text
    call.refresh_from_db()
    assert call.status == "sent"
