"""Who sees which clients and sites: the rules of clients/access.py, role by role."""

import pytest

from accounts.tests.factories import UserFactory
from clients import access


def names(queryset):
    return sorted(str(obj) for obj in queryset)


@pytest.mark.parametrize("role", ["admin", "operator", "reviewer", "inspector"])
def test_roles_working_across_clients_see_every_client(cast, role):
    user = getattr(cast.staff, role)
    assert names(access.clients_visible_to(user)) == names([cast.client_a, cast.client_b])
    assert access.sites_visible_to(user).count() == 3


def test_account_manager_sees_only_their_clients(cast):
    user = cast.staff.account_manager
    assert names(access.clients_visible_to(user)) == [cast.client_a.name]
    assert names(access.sites_visible_to(user)) == ["Kadaka", "Mammu"]
    assert names(access.clients_manageable_by(user)) == [cast.client_a.name]


def test_service_director_sees_the_sites_they_direct_but_changes_nothing(cast):
    user = cast.staff.service_director
    assert names(access.sites_visible_to(user)) == ["Kadaka", "Mammu"]
    assert names(access.clients_visible_to(user)) == [cast.client_a.name]
    assert not access.clients_manageable_by(user).exists()


def test_staff_without_assignment_see_nothing(cast):
    for user in (cast.staff.idle_director, cast.staff.technician):
        assert not access.clients_visible_to(user).exists()
        assert not access.sites_visible_to(user).exists()


def test_client_administrator_sees_all_own_sites_and_only_them(cast):
    user = cast.admin_a.user
    assert names(access.clients_visible_to(user)) == [cast.client_a.name]
    assert names(access.sites_visible_to(user)) == ["Kadaka", "Mammu"]
    assert names(access.memberships_manageable_by(user)) == names([cast.admin_a, cast.contact_a])


def test_site_contact_sees_only_listed_sites_and_manages_nobody(cast):
    user = cast.contact_a.user
    assert names(access.sites_visible_to(user)) == ["Mammu"]
    assert not access.memberships_manageable_by(user).exists()
    assert not access.memberships_visible_to(user).exists()


def test_deactivated_and_anonymous_users_see_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    cast.staff.admin.is_active = False
    for user in (cast.staff.admin, AnonymousUser()):
        assert not access.clients_visible_to(user).exists()
        assert not access.sites_visible_to(user).exists()


def test_user_without_a_role_sees_nothing(db):
    user = UserFactory(role="")
    assert not access.clients_visible_to(user).exists()
    assert not access.sites_visible_to(user).exists()
