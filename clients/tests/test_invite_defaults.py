"""Every invitation form starts at the least powerful role; more power is a deliberate choice."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role

INVITE_FORMS = [
    # (who invites, URL name, argument maker, the role selected at first)
    ("client_admin", "portal:user_invite", None, Role.SITE_CONTACT),
    ("admin", "clients:client_user_invite", lambda c: [c.client_a.pk], Role.SITE_CONTACT),
    (
        "account_manager",
        "clients:client_user_invite",
        lambda c: [c.client_a.pk],
        Role.SITE_CONTACT,
    ),
    ("admin", "accounts:staff_invite", None, Role.TECHNICIAN),
]


def _selected_roles(html: str) -> list[str]:
    select = re.search(r'<select name="role".*?</select>', html, re.S)
    assert select, "no role choice on the form"
    return re.findall(r'<option value="([^"]+)"[^>]*\bselected\b', select.group(0))


@pytest.mark.parametrize(
    ("person", "name", "args", "role"), INVITE_FORMS, ids=[f[0] + "-" + f[1] for f in INVITE_FORMS]
)
def test_an_invitation_form_starts_at_the_least_powerful_role(
    client, cast, person, name, args, role
):
    user = cast.admin_a.user if person == "client_admin" else getattr(cast.staff, person)
    client.force_login(user)
    response = client.get(reverse(name, args=args(cast) if args else None))
    assert response.status_code == 200
    assert _selected_roles(response.text) == [role.value]


def test_editing_a_client_administrator_keeps_their_role_selected(client, cast):
    client.force_login(cast.staff.admin)
    response = client.get(reverse("clients:client_user_edit", args=[cast.admin_a.pk]))
    assert _selected_roles(response.text) == [Role.CLIENT_ADMIN.value]
