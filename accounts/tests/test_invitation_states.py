"""An invitation's state machine (accounts.states): pending, accepted, deactivated."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import User
from accounts.roles import Role
from accounts.states import INVITATIONS
from accounts.tests.test_invitations import NEW_PASSWORD, _link, _path, invite_staff
from common.states import InvalidState


def test_an_accepted_invitation_is_not_sent_again(cast):
    with pytest.raises(InvalidState) as refused:
        services.resend_invitation(cast.staff.inspector, by=cast.staff.admin)
    assert refused.value.message == (
        "Only a pending invitation can be sent again. Its status is now “Joined”."
    )


def test_the_staff_page_shows_the_same_refusal(client, cast):
    client.force_login(cast.staff.admin)
    response = client.post(
        reverse("accounts:staff_resend_invitation", args=[cast.staff.inspector.pk]), follow=True
    )
    assert "Only a pending invitation can be sent again." in response.text


def test_a_deactivated_persons_old_link_sets_no_password(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_staff(client, cast.staff.admin, role=Role.WORK_MANAGER)
    user = User.objects.get(email="tiina@clientdesk.example")
    assert INVITATIONS.state(user) == "pending"
    services.set_active(user, False, by=cast.staff.admin)
    client.post("/accounts/logout/")
    form = client.get(_path(_link(smtp_server.messages[0])), follow=True)
    response = client.post(
        form.request["PATH_INFO"],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Its status is now “Deactivated”." in response.text
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert "_auth_user_id" not in client.session
