"""The outbox: one message per person and channel, sent once, retried while mail is down."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notifications import outbox, tasks
from notifications.models import Delivery, Notification
from notifications.tests.helpers import change_site_team, tell


def test_an_event_reaches_another_users_bell_and_mailbox_in_their_language(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    admin = cast.admin_a.user
    admin.language = "et"
    admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast)

    client.force_login(admin)
    page = client.get(reverse("portal:home"))
    assert 'id="notification-bell"' in page.text
    assert 'bg-danger cd-bell-badge">1<' in page.text
    listing = client.get(reverse("notifications:list"))
    assert "Mammu: uued kontaktisikud" in listing.text

    # Mari (all stores, Estonian) and Toomas (Mammu's contact, English) are told.
    by_address = {m["To"]: m for m in smtp_server.messages}
    assert set(by_address) == {admin.email, cast.contact_a.user.email}
    assert by_address[cast.contact_a.user.email]["Subject"] == "New contact people for Mammu"
    message = by_address[admin.email]
    assert message["Subject"] == "Mammu: uued kontaktisikud"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Kadri Tamm" in text and "+372 5555 1234" in text
    assert "Kadri Tamm" in html
    notification = Notification.objects.get(recipient=admin)
    assert f"http://127.0.0.1:8000/notifications/{notification.pk}/" in text


def test_the_site_contact_of_another_site_and_the_actor_are_not_told(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast, site=cast.site_a2)
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    # Toomas is a contact for Mammu only; client B's people have nothing to do with it.
    assert told == {cast.admin_a.user.email}
    assert [m["To"] for m in smtp_server.messages] == [cast.admin_a.user.email]


def test_the_same_job_run_twice_sends_one_mail(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = tell(cast.admin_a.user, cast.site_a1)
    delivery = Delivery.objects.get(notification=notification)
    assert delivery.status == Delivery.Status.SENT

    tasks.send_delivery_job(delivery.pk)
    tasks.send_delivery_job(delivery.pk)
    tasks.deliver_due_job()

    assert len(smtp_server.messages) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1


def test_the_same_event_reported_twice_tells_once(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell(cast.admin_a.user, cast.site_a1, key="site.team_changed:42")
        again = tell(cast.admin_a.user, cast.site_a1, key="site.team_changed:42")
    assert again == []
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 1
    assert len(smtp_server.messages) == 1


def test_nothing_leaves_when_the_transaction_rolls_back(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tell(cast.admin_a.user, cast.site_a1)
        raise RuntimeError("the action failed")
    assert not Notification.objects.exists()
    assert smtp_server.messages == []


def test_mail_waits_while_the_server_is_down_and_goes_when_it_is_back(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = tell(cast.admin_a.user, cast.site_a1)
    delivery = Delivery.objects.get(notification=notification)
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert "Mail server" in delivery.last_error
    assert smtp_server.messages == []

    smtp_server.start()
    # Not yet due: the sweep leaves it alone.
    tasks.deliver_due_job()
    assert smtp_server.messages == []
    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        tasks.deliver_due_job()
    assert len(smtp_server.messages) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 2


def test_retries_wait_longer_each_time_then_fail_visibly_after_a_day(
    client, cast, settings, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = tell(cast.admin_a.user, cast.site_a1)
    delivery = Delivery.objects.get(notification=notification)
    delays = []
    with django_capture_on_commit_callbacks(execute=True):
        while delivery.status == Delivery.Status.PENDING:
            attempt_time = delivery.next_attempt_at
            with time_machine.travel(attempt_time, tick=False):
                tasks.deliver_due_job()
            previous = attempt_time
            delivery.refresh_from_db()
            if delivery.next_attempt_at:
                delays.append(delivery.next_attempt_at - previous)
    assert delays[:4] == [timedelta(minutes=m) for m in (2, 4, 8, 16)]
    assert max(delays) == timedelta(hours=2)
    assert delays == sorted(delays)
    assert delivery.status == Delivery.Status.FAILED
    assert previous - start >= timedelta(hours=24)
    assert "Mail server" in delivery.last_error

    # The administrator hears of it in the bell and sees the reason in the outbox.
    failure = Notification.objects.get(recipient=cast.staff.admin, event="delivery.failed")
    assert failure.in_app and not failure.deliveries.exists()
    client.force_login(cast.staff.admin)
    outbox = client.get(reverse("notifications:outbox"))
    assert cast.admin_a.user.email in outbox.text
    assert "Mail server" in outbox.text


def test_an_administrator_sends_a_failed_message_again(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    [notification] = tell(cast.admin_a.user, cast.site_a1)
    delivery = Delivery.objects.get(notification=notification)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.FAILED, attempts=19, last_error="Mail server: down"
    )
    client.force_login(cast.staff.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:retry", args=[delivery.pk]), follow=True)
    assert "The message is being sent again." in response.text
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert len(smtp_server.messages) == 1


def test_only_administrators_see_the_outbox(client, cast):
    for person in (cast.staff.account_manager, cast.admin_a.user):
        client.force_login(person)
        assert client.get(reverse("notifications:outbox")).status_code == 403


def test_a_message_for_a_deactivated_account_is_not_sent(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    [notification] = tell(cast.admin_a.user, cast.site_a1)
    cast.admin_a.user.is_active = False
    cast.admin_a.user.save()
    delivery = Delivery.objects.get(notification=notification)
    outbox.send_delivery(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.CANCELLED
    assert "deactivated" in delivery.last_error
    assert smtp_server.messages == []


def test_a_worker_that_died_mid_send_is_replaced(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    [notification] = tell(cast.admin_a.user, cast.site_a1)
    delivery = Delivery.objects.get(notification=notification)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENDING, claimed_at=timezone.now(), attempts=1
    )
    tasks.deliver_due_job()
    assert smtp_server.messages == []
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        tasks.deliver_due_job()
    assert len(smtp_server.messages) == 1


def test_the_outbox_rows_show_each_state_and_send_again_with_the_pages_token(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    """The rows are written by a tag (outbox_row): a pending message's next
    attempt, a sent one's time, a failed one's reason and its button, whose
    form carries the page's CSRF token and works with CSRF checks on."""
    pending, sent, failed = (
        Delivery.objects.get(notification=notification)
        for notification in (
            tell(cast.admin_a.user, cast.site_a1)[0],
            tell(cast.admin_a.user, cast.site_a2)[0],
            tell(cast.contact_a.user, cast.site_a1)[0],
        )
    )
    later = timezone.now() + timedelta(minutes=8)
    Delivery.objects.filter(pk=pending.pk).update(attempts=2, next_attempt_at=later)
    Delivery.objects.filter(pk=sent.pk).update(status=Delivery.Status.SENT, sent_at=later)
    Delivery.objects.filter(pk=failed.pk).update(
        status=Delivery.Status.FAILED, attempts=19, last_error="Mail server: <down>"
    )
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.staff.admin)
    page = browser.get(reverse("notifications:outbox") + "?status=all").text
    rows = {d.pk: page[page.index(f'id="delivery-{d.pk}"') :] for d in (pending, sent, failed)}
    for pk, row in rows.items():
        rows[pk] = row[: row.index("</tr>")]
    assert "next attempt" in rows[pending.pk] and ">2</td>" in rows[pending.pk]
    assert "next attempt" not in rows[sent.pk] and "Send again" not in rows[sent.pk]
    assert "Mail server: &lt;down&gt;" in rows[failed.pk]
    assert 'data-label="Reason"' in rows[failed.pk]
    token = rows[failed.pk].split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            reverse("notifications:retry", args=[failed.pk]),
            {"csrfmiddlewaretoken": token},
            follow=True,
        )
    assert response.status_code == 200
    assert "The message is being sent again." in response.text
