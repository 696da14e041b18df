"""Every branch of notifications/access.py: one's own notifications, the
administrator's outbox and a client administrator's defaults."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from notifications import access
from notifications.models import Delivery, Notification


def _notification(user, *, in_app=True):
    return Notification.objects.create(
        recipient=user,
        key=f"branches:{user.pk}:{in_app}",
        event="site.team_changed",
        params={"site": "Mammu"},
        in_app=in_app,
    )


def test_a_person_opens_their_own_notifications_even_e_mail_only_ones(client, cast):
    mine = _notification(cast.admin_a.user, in_app=False)
    theirs = _notification(cast.admin_b.user)
    client.force_login(cast.admin_a.user)
    assert client.get(reverse("notifications:open", args=[mine.pk])).status_code == 302
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert list(access.notifications_visible_to(cast.admin_b.user)) == [theirs]
    for nobody in (None, AnonymousUser()):
        assert not access.notifications_visible_to(nobody).exists()
        with pytest.raises(Http404):
            access.get_notification_for(nobody, theirs.pk)


def test_only_the_administrator_sees_the_outbox_and_sends_again(client, cast):
    delivery = Delivery.objects.create(
        key="branches:1",
        recipient=cast.admin_a.user,
        channel="email",
        notification=_notification(cast.admin_a.user),
        address="mari@measika.example",
        status=Delivery.Status.FAILED,
    )
    assert access.get_delivery_for(cast.staff.admin, delivery.pk) == delivery
    assert access.can_send_again(cast.staff.admin, delivery)
    assert not access.can_send_again(cast.staff.account_manager, delivery)
    client.force_login(cast.staff.account_manager)
    assert client.get(reverse("notifications:outbox")).status_code == 403
    assert not access.deliveries_visible_to(cast.staff.account_manager).exists()


def test_a_client_administrator_sets_their_clients_defaults_and_nobody_else(cast):
    assert access.client_for_defaults(cast.admin_a.user) == cast.client_a
    for user in (cast.contact_a.user, cast.staff.admin, None):
        assert access.client_for_defaults(user) is None
