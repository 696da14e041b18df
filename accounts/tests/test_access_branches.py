"""Every branch of accounts/access.py: whose accounts are in use, who acts at all,
who manages staff and whose API tokens one reaches."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts import access
from api import tokens
from api.tests.helpers import token_client


def test_accounts_stay_in_use_while_active_and_their_client_is_served(cast):
    in_use = access.accounts_in_use()
    assert {cast.staff.technician, cast.admin_b.user} <= set(in_use)
    assert access.account_in_use(cast.admin_b.user)
    cast.client_b.is_active = False
    cast.client_b.save(update_fields=["is_active"])
    cast.staff.technician.is_active = False
    cast.staff.technician.save(update_fields=["is_active"])
    in_use = access.accounts_in_use()
    assert cast.admin_b.user not in in_use and cast.staff.technician not in in_use
    cast.admin_b.user.refresh_from_db()
    assert not access.account_in_use(cast.admin_b.user)
    for nobody in (None, AnonymousUser()):
        assert not access.account_in_use(nobody)


@pytest.mark.parametrize(("who", "listed"), [("admin", 11), ("account_manager", 0)])
def test_only_the_administrator_lists_staff_and_never_a_clients_people(cast, who, listed):
    answer = token_client(getattr(cast.staff, who)).get(reverse("api:staff-user-list")).json()
    names = {user["full_name"] for user in answer["results"]}
    assert len(names) == listed
    assert "Mari Kuusk" not in names


def test_a_staff_account_page_is_the_administrators_only(client, cast):
    url = reverse("accounts:staff_user_detail", args=[cast.staff.technician.pk])
    client.force_login(cast.staff.admin)
    assert client.get(url).status_code == 200
    client_person = reverse("accounts:staff_user_detail", args=[cast.admin_a.user.pk])
    assert client.get(client_person).status_code == 404
    client.force_login(cast.staff.account_manager)
    assert client.get(url).status_code == 404


def test_a_person_revokes_their_own_tokens_only(client, cast):
    theirs, _text = tokens.create_token(cast.admin_b.user, name="Nevsky ERP", scope="read")
    mine, _text = tokens.create_token(cast.admin_a.user, name="Measika ERP", scope="read")
    assert list(access.api_tokens_visible_to(cast.admin_a.user)) == [mine]
    client.force_login(cast.admin_a.user)
    assert client.post(reverse("accounts:token_revoke", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("accounts:token_revoke", args=[mine.pk])).status_code == 302
    for nobody in (None, AnonymousUser()):
        assert not access.api_tokens_visible_to(nobody).exists()
