"""The inviter hears back: when the invitation is accepted, or when it expired unused."""

from datetime import timedelta

import time_machine

from accounts.models import User
from accounts.tests.test_invitations import NEW_PASSWORD, _link, _path, invite_staff
from deadlines import tasks
from deadlines.models import Deadline
from notifications.models import Notification


def test_an_unused_invitation_tells_the_inviter_once_when_it_expires(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_staff(client, cast.staff.admin, language="en")
    invitee = User.objects.get(email="tiina@clientdesk.example")
    deadline = Deadline.objects.get(kind="account.invitation")
    assert deadline.due_at == invitee.invited_at + timedelta(days=3)

    tasks.deadline_sweep_job()
    assert not Notification.objects.filter(event="account.invitation_expired").exists()

    with (
        time_machine.travel(deadline.due_at + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.deadline_sweep_job()
        tasks.deadline_sweep_job()
    [expired] = Notification.objects.filter(event="account.invitation_expired")
    assert expired.recipient == cast.staff.admin
    assert expired.link == invitee.get_staff_url()
    assert len(smtp_server.messages) == 2
    assert smtp_server.messages[1]["Subject"] == "The invitation to Tiina Saar expired unused"


def test_accepting_the_invitation_tells_the_inviter_and_ends_the_deadline(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_staff(client, cast.staff.admin)
    client.post("/accounts/logout/")
    form = client.get(_path(_link(smtp_server.messages[0])), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            form.request["PATH_INFO"],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
    assert not Deadline.objects.exists()
    [joined] = Notification.objects.filter(event="account.invitation_accepted")
    assert joined.recipient == cast.staff.admin
    assert joined.actor.email == "tiina@clientdesk.example"
    assert smtp_server.messages[1]["To"] == cast.staff.admin.email
    assert smtp_server.messages[1]["Subject"] == "Tiina Saar has joined Clientdesk"
