"""Accounts end when their client does: no login, no session, no token, no message.

One rule (``accounts.access.accounts_in_use``) answers for every way in and
every channel out; these tests go through each of them.
"""

from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tests.factories import PASSWORD
from api.models import ApiToken
from api.tests.helpers import token_client
from clients.tests.forms import client_form
from notifications.models import Delivery, Notification
from notifications.tests.helpers import change_site_team

LOGIN = "/accounts/login/"
DEACTIVATED = "This account is deactivated."


def set_client_active(browser, cast, client_record, active: bool):
    """The account manager ticks or clears "active" on the client's edit page."""
    client_record.refresh_from_db()
    browser.force_login(cast.staff.account_manager)
    response = browser.post(
        reverse("clients:client_edit", args=[client_record.pk]),
        client_form(client_record, is_active="on" if active else None),
    )
    assert response.status_code == 302, response.text
    browser.logout()


def login(browser, email, password=PASSWORD, **extra):
    return browser.post(LOGIN, {"username": email, "password": password}, **extra)


def test_a_deactivated_clients_people_cannot_log_in_and_are_told_so(client, cast):
    set_client_active(client, cast, cast.client_a, False)
    response = login(client, cast.admin_a.user.email)
    assert response.status_code == 200
    assert DEACTIVATED in response.text
    assert "_auth_user_id" not in client.session
    # The client's other people too; the other client's people are not affected.
    assert DEACTIVATED in login(client, cast.contact_a.user.email).text
    assert login(client, cast.admin_b.user.email).status_code == 302


def test_a_wrong_password_for_a_deactivated_clients_user_reveals_nothing(client, cast):
    set_client_active(client, cast, cast.client_a, False)
    response = login(client, cast.admin_a.user.email, "not the password")
    assert DEACTIVATED not in response.text
    assert "The e-mail address or password is wrong" in response.text
    # The same answer as for an address nobody has.
    unknown = login(client, "nobody@measika.example", "not the password")
    assert unknown.context["form"].errors == response.context["form"].errors


def test_a_deactivated_person_is_told_so_only_with_the_right_password(client, cast):
    operator = cast.staff.operator
    operator.is_active = False
    operator.save()
    assert DEACTIVATED in login(client, operator.email).text
    assert DEACTIVATED not in login(client, operator.email, "guess").text


def test_an_open_session_ends_when_the_client_is_deactivated(client, cast):
    browser = type(client)()
    browser.force_login(cast.admin_a.user)
    assert browser.get(reverse("portal:home")).status_code == 200
    set_client_active(client, cast, cast.client_a, False)
    response = browser.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    # The API refuses the browser session as well.
    assert browser.get("/api/v1/me/").status_code in (401, 403)


def test_a_deactivated_clients_tokens_stop_and_stay_revoked(client, cast):
    api = token_client(cast.admin_a.user)
    assert api.get("/api/v1/sites/").status_code == 200
    set_client_active(client, cast, cast.client_a, False)
    response = api.get("/api/v1/sites/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert not ApiToken.objects.filter(user=cast.admin_a.user, revoked_at__isnull=True).exists()

    set_client_active(client, cast, cast.client_a, True)
    assert login(client, cast.admin_a.user.email).status_code == 302
    # Reactivation gives the login back, never the old tokens.
    assert api.get("/api/v1/sites/").status_code == 401


def test_a_deactivated_clients_people_get_no_mail_and_no_bell(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    set_client_active(client, cast, cast.client_a, False)
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast)
    assert smtp_server.messages == []
    assert not Notification.objects.filter(recipient__membership__client=cast.client_a).exists()


def test_mail_queued_before_the_client_was_deactivated_is_not_sent(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    change_site_team(client, cast)  # queued; the job has not run yet
    set_client_active(client, cast, cast.client_a, False)
    from notifications import tasks

    tasks.deliver_due_job()
    assert smtp_server.messages == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.CANCELLED}


def test_deactivating_a_user_revokes_their_tokens_for_good(client, cast):
    contact = cast.contact_a
    api = token_client(contact.user)
    client.force_login(cast.admin_a.user)
    url = reverse("portal:user_set_active", args=[contact.pk])
    client.post(url, {"active": "0"})
    assert api.get("/api/v1/me/").status_code == 401
    client.post(url, {"active": "1"})
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "This token is unknown or revoked."
    assert ApiToken.objects.get(user=contact.user).revoked_at is not None


def test_deactivating_a_staff_member_revokes_their_tokens(client, cast):
    operator = cast.staff.operator
    api = token_client(operator)
    client.force_login(cast.staff.admin)
    client.post(reverse("accounts:staff_set_active", args=[operator.pk]), {"active": "0"})
    client.post(reverse("accounts:staff_set_active", args=[operator.pk]), {"active": "1"})
    assert api.get("/api/v1/me/").status_code == 401
    assert APIClient().get("/api/v1/me/").status_code == 401


def test_a_deactivated_clients_user_gets_no_password_reset_mail(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    set_client_active(client, cast, cast.client_a, False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:password_reset"), {"email": cast.admin_a.user.email}
        )
    assert response.status_code == 302  # the same answer as for any address
    assert smtp_server.messages == []


def test_the_django_admin_cannot_deactivate_around_the_services(client, cast):
    """Only the services revoke tokens for good on deactivation; the admin shows it read-only."""
    client.force_login(cast.staff.admin)
    for url in (
        f"/admin/accounts/user/{cast.staff.work_manager.pk}/change/",
        f"/admin/clients/client/{cast.client_a.pk}/change/",
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert 'name="is_active"' not in page.text
