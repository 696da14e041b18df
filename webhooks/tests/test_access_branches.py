"""Every branch of webhooks/access.py: who subscribes, to whose events, and whose
calls they send again."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from webhooks import access, services
from webhooks.models import Call

EVENTS = ["site.team_changed"]


def _subscriptions(cast):
    provider = services.subscribe(cast.staff.admin, url="https://hq.example/hooks", events=EVENTS)
    nevsky = services.subscribe(cast.admin_b.user, url="https://nevsky.example/h", events=EVENTS)
    return provider, nevsky


def test_the_administrator_has_the_providers_and_a_client_administrator_their_clients(client, cast):
    _provider, nevsky = _subscriptions(cast)
    client.force_login(cast.staff.admin)
    page = client.get(reverse("webhooks:list")).text
    assert "hq.example" in page and "nevsky.example" not in page
    client.force_login(cast.admin_b.user)
    page = client.get(reverse("webhooks:list")).text
    assert "nevsky.example" in page and "hq.example" not in page
    client.force_login(cast.admin_a.user)
    assert client.get(reverse("webhooks:detail", args=[nevsky.pk])).status_code == 404
    client.force_login(cast.contact_b.user)
    assert client.get(reverse("webhooks:list")).status_code == 403


def test_a_call_is_sent_again_by_whoever_manages_its_subscription(cast):
    _provider, nevsky = _subscriptions(cast)
    call = Call.objects.create(
        subscription=nevsky, event="ping", event_id="ping:1", payload={}, status="failed"
    )
    assert access.get_call_for(cast.admin_b.user, call.pk) == call
    assert access.can_send_call_again(cast.admin_b.user, call)
    assert not access.can_send_call_again(cast.admin_a.user, call)
    assert not access.can_send_call_again(cast.staff.admin, call)


def test_nobody_else_subscribes_or_sees_a_subscription(cast):
    _subscriptions(cast)
    for user in (None, AnonymousUser(), cast.contact_b.user, cast.staff.account_manager):
        assert not access.can_subscribe(user)
        assert not access.subscriptions_visible_to(user).exists()


def test_a_client_administrator_whose_client_is_no_longer_served_sees_no_subscription(cast):
    _provider, nevsky = _subscriptions(cast)
    assert list(access.subscriptions_visible_to(cast.admin_b.user)) == [nevsky]
    cast.client_b.is_active = False
    cast.client_b.save(update_fields=["is_active"])
    # Logging in refuses them already; the rule fails closed on its own too.
    assert access.can_subscribe(cast.admin_b.user)
    assert not access.subscriptions_visible_to(cast.admin_b.user).exists()
