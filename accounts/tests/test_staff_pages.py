from django.urls import reverse

from accounts.models import User
from accounts.roles import Role


def staff_form(user, **overrides):
    return {
        "full_name": user.full_name,
        "email": user.email,
        "role": user.role,
        "title": user.title,
        "phone": user.phone,
        "language": user.language,
        "loaded_version": user.version,
    } | overrides


def test_administrator_lists_and_searches_staff(client, cast):
    client.force_login(cast.staff.admin)
    response = client.get(reverse("accounts:staff_list"), {"q": "tiina"})
    assert "Tiina Saar" in response.text
    assert "Jaan Oja" not in response.text
    assert "Mari Kuusk" not in response.text  # client users are not staff


def test_only_the_administrator_manages_staff(client, cast):
    client.force_login(cast.staff.account_manager)
    assert client.get(reverse("accounts:staff_list")).status_code == 403
    assert client.get(reverse("accounts:staff_invite")).status_code == 403
    url = reverse("accounts:staff_edit", args=[cast.staff.operator.pk])
    assert client.post(url, staff_form(cast.staff.operator, full_name="X")).status_code == 404


def test_administrator_changes_a_role_and_history_shows_it(client, cast):
    client.force_login(cast.staff.admin)
    operator = cast.staff.operator
    url = reverse("accounts:staff_edit", args=[operator.pk])
    response = client.post(url, staff_form(operator, role=Role.REVIEWER))
    assert response.status_code == 302
    operator.refresh_from_db()
    assert operator.role == Role.REVIEWER
    page = client.get(operator.get_staff_url())
    assert "Operator → Reviewer" in page.text
    assert "Ada Admin" in page.text


def test_nobody_changes_their_own_role(client, cast):
    admin = cast.staff.admin
    client.force_login(admin)
    url = reverse("accounts:staff_edit", args=[admin.pk])
    response = client.post(url, staff_form(admin, role=Role.OPERATOR))
    assert "You cannot change your own role." in response.text
    admin.refresh_from_db()
    assert admin.role == Role.ADMINISTRATOR


def test_a_staff_member_cannot_get_a_client_role(client, cast):
    client.force_login(cast.staff.admin)
    url = reverse("accounts:staff_edit", args=[cast.staff.operator.pk])
    response = client.post(url, staff_form(cast.staff.operator, role=Role.CLIENT_ADMIN))
    assert "Select a valid choice" in response.text


def test_deactivated_staff_are_logged_out_and_can_be_reactivated(client, cast):
    operator = cast.staff.operator
    other = type(client)()
    other.force_login(operator)
    client.force_login(cast.staff.admin)
    url = reverse("accounts:staff_set_active", args=[operator.pk])
    client.post(url, {"active": "0"})
    assert other.get(reverse("clients:client_list")).status_code == 302  # back to login
    client.post(url, {"active": "1"})
    assert User.objects.get(pk=operator.pk).is_active


def test_administrator_cannot_deactivate_themselves(client, cast):
    client.force_login(cast.staff.admin)
    response = client.post(
        reverse("accounts:staff_set_active", args=[cast.staff.admin.pk]),
        {"active": "0"},
        follow=True,
    )
    assert "You cannot deactivate your own account." in response.text
