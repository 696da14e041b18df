import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"


def login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def test_staff_member_logs_in_by_email_in_any_case(client, cast):
    response = login(client, cast.staff.operator.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get("/").url == reverse("clients:client_list")


def test_client_user_lands_in_the_portal(client, cast):
    login(client, cast.admin_a.user.email, PASSWORD)
    assert client.get("/").url == reverse("portal:home")


def test_wrong_password_says_so_and_warns_about_the_lock(client, cast):
    response = login(client, cast.staff.operator.email, "not the password")
    assert response.status_code == 200
    assert "The e-mail address or password is wrong" in response.text
    assert "5 failed attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_even_for_the_right_password(client, cast):
    email = cast.staff.operator.email
    for _attempt in range(5):
        login(client, email, "wrong")
    response = login(client, email, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    assert "_auth_user_id" not in client.session
    # Another account from the same browser is not affected.
    assert login(client, cast.staff.reviewer.email, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_failure_count(client, cast):
    email = cast.staff.operator.email
    for _attempt in range(4):
        login(client, email, "wrong")
    assert login(client, email, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _attempt in range(4):
        login(client, email, "wrong")
    assert login(client, email, PASSWORD).status_code == 302


def test_deactivated_account_cannot_log_in(client, db):
    user = UserFactory(is_active=False)
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_ends_the_session(client, cast):
    client.force_login(cast.staff.operator)
    client.post("/accounts/logout/")
    assert client.get(reverse("clients:client_list")).status_code == 302


def test_pages_need_login(client, db):
    response = client.get(reverse("clients:client_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("hasher", ["argon2"])
def test_production_hashes_passwords_with_argon2(hasher, settings):
    from clientdesk import settings as project_settings

    production_hashers = [h for h in project_settings.PASSWORD_HASHERS if "MD5" not in h]
    assert hasher in production_hashers[0].lower()
