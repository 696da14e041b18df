import re

import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role

NEW_PASSWORD = "Mammu-store-2026!"


def _link(message):
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://\S+", body).group(0)


def _path(link):
    return link.split("8000", 1)[1]


def invite_staff(client, admin, **data):
    client.force_login(admin)
    fields = {
        "full_name": "Tiina Saar",
        "email": "tiina@clientdesk.example",
        "role": Role.SERVICE_DIRECTOR,
        "title": "",
        "phone": "",
        "language": "et",
        "loaded_version": 1,
    } | data
    return client.post(reverse("accounts:staff_invite"), fields)


def test_administrator_invites_staff_and_they_choose_a_password(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_staff(client, cast.staff.admin)
    user = User.objects.get(email="tiina@clientdesk.example")
    assert response.status_code == 302
    assert not user.has_usable_password()
    assert user.invited_by == cast.staff.admin

    [message] = smtp_server.messages
    assert message["To"] == "tiina@clientdesk.example"
    # The invitation speaks the invitee's language (Estonian here).
    assert "Clientdesk" in message["Subject"]
    link = _link(message)
    assert message.get_body(("html",)) is not None

    client.post("/accounts/logout/")
    form = client.get(_path(link), follow=True)
    assert form.status_code == 200
    response = client.post(
        form.request["PATH_INFO"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert int(client.session["_auth_user_id"]) == user.pk


def test_invitation_link_works_only_once(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_staff(client, cast.staff.admin)
    link = _path(_link(smtp_server.messages[0]))
    client.post("/accounts/logout/")
    form = client.get(link, follow=True)
    client.post(
        form.request["PATH_INFO"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    client.post("/accounts/logout/")
    again = client.get(link, follow=True)
    assert "already been used or has expired" in again.text


def test_invitation_link_expires_after_three_days(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_staff(client, cast.staff.admin)
    link = _path(_link(smtp_server.messages[0]))
    client.post("/accounts/logout/")
    with time_machine.travel(timezone.now() + timezone.timedelta(days=4)):
        response = client.get(link, follow=True)
    assert "already been used or has expired" in response.text


def test_invitation_mail_is_in_the_invitees_language(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_staff(client, cast.staff.admin, language="ru", email="olga@clientdesk.example")
    [message] = smtp_server.messages
    assert "Clientdesk" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Здравствуйте" in body


def test_duplicate_email_is_refused_and_nothing_is_sent(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_staff(client, cast.staff.admin, email=cast.staff.operator.email.upper())
    assert response.status_code == 200
    assert "already exists" in response.text
    assert smtp_server.messages == []


def test_resend_sends_a_new_link(client, cast, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite_staff(client, cast.staff.admin)
        user = User.objects.get(email="tiina@clientdesk.example")
        client.post(reverse("accounts:staff_resend_invitation", args=[user.pk]))
    assert len(smtp_server.messages) == 2


def test_invitation_waits_for_the_commit(client, cast, smtp_server):
    # Without the commit (the test transaction never commits), nothing is sent.
    invite_staff(client, cast.staff.admin)
    assert smtp_server.messages == []


def test_client_administrator_invites_a_site_contact_from_the_portal(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(cast.admin_a.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:user_invite"),
            {
                "full_name": "Kaja Kallas",
                "email": "kaja@measika.example",
                "role": Role.SITE_CONTACT,
                "phone": "",
                "language": "et",
                "sites": [cast.site_a2.pk],
                "loaded_version": 1,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="kaja@measika.example")
    assert user.membership.client == cast.client_a
    assert list(user.membership.sites.all()) == [cast.site_a2]
    assert smtp_server.messages[0]["To"] == "kaja@measika.example"


def test_client_administrator_cannot_give_another_clients_site(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(
        reverse("portal:user_invite"),
        {
            "full_name": "Intruder",
            "email": "x@measika.example",
            "role": Role.SITE_CONTACT,
            "phone": "",
            "language": "et",
            "sites": [cast.site_b1.pk],
            "loaded_version": 1,
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="x@measika.example").exists()


def test_site_contact_needs_at_least_one_site(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(
        reverse("portal:user_invite"),
        {
            "full_name": "No Sites",
            "email": "n@measika.example",
            "role": Role.SITE_CONTACT,
            "phone": "",
            "language": "et",
            "loaded_version": 1,
        },
    )
    assert "Choose at least one site" in response.text
    assert not User.objects.filter(email="n@measika.example").exists()
