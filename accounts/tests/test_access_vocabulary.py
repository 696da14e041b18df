"""The ground floor of access: who may act at all, and who reads what is for staff only."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from accounts import access
from api import tokens


def nobody(cast):
    """Everyone who may do nothing: no user, the anonymous, a deactivated administrator."""
    cast.staff.admin.is_active = False
    cast.staff.admin.save(update_fields=["is_active"])
    return [None, AnonymousUser(), cast.staff.admin]


def test_an_active_logged_in_person_is_usable_and_nobody_else(cast):
    assert access.is_usable(cast.staff.operator)
    assert access.is_usable(cast.contact_a.user)
    for user in nobody(cast):
        assert not access.is_usable(user)


def test_only_usable_provider_staff_read_what_is_internal(cast):
    for user in (cast.staff.operator, cast.staff.technician, cast.staff.account_manager):
        assert access.sees_internal(user)
    for membership in (cast.admin_a, cast.contact_a):
        assert not access.sees_internal(membership.user)
    for user in nobody(cast):
        assert not access.sees_internal(user)


def test_only_a_usable_administrator_manages_staff(cast):
    assert access.can_manage_staff(cast.staff.admin)
    assert not access.can_manage_staff(cast.staff.account_manager)
    assert not access.can_manage_staff(cast.admin_a.user)
    for user in nobody(cast):
        assert not access.can_manage_staff(user)
        assert not access.staff_manageable_by(user).exists()


def test_a_person_reaches_only_their_own_api_tokens(cast):
    own, _text = tokens.create_token(cast.admin_a.user, name="ERP", scope="read")
    assert access.get_api_token_for(cast.admin_a.user, own.pk) == own
    for user in (cast.admin_b.user, cast.staff.admin):
        with pytest.raises(Http404):
            access.get_api_token_for(user, own.pk)
    for user in nobody(cast):
        assert not access.api_tokens_visible_to(user).exists()


def test_revoking_another_persons_token_answers_like_a_missing_one(client, cast):
    other, _text = tokens.create_token(cast.admin_b.user, name="ERP", scope="read")
    client.force_login(cast.admin_a.user)
    for pk in (other.pk, 999999):
        assert client.post(reverse("accounts:token_revoke", args=[pk])).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None
