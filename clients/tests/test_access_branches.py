"""Every branch of clients/access.py, role by role.

Most rules are shown through the API a person uses (their token, the
database, the answer); the fail-closed ends are asked directly, because
logging in already refuses those people (a deactivated account, a client's
person without a client, a role Clientdesk no longer knows) and the rules
must still give them nothing when a job or a command asks.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from api.tests.helpers import token_client
from clients import access
from clients.models import Client
from clients.tests.factories import MembershipFactory

A_SITES = {"Mammu", "Kadaka"}
ALL_SITES = {*A_SITES, "Tower B-One"}


def person(cast, who):
    if who == "private_customer":
        return MembershipFactory(client=cast.client_a, user__role=Role.PRIVATE_CUSTOMER).user
    people = {"client_admin": cast.admin_a.user, "site_contact": cast.contact_a.user}
    return people.get(who) or getattr(cast.staff, who)


def not_usable():
    """A deactivated account, the anonymous and None."""
    return [
        User(email="gone@example.com", role=Role.ADMINISTRATOR, is_active=False),
        AnonymousUser(),
        None,
    ]


def nobody():
    # ... and an account whose role Clientdesk no longer knows (say, from an old import).
    return [*not_usable(), User(email="old@example.com", role="former", is_active=True)]


def names(queryset):
    return {str(record) for record in queryset}


@pytest.mark.parametrize(
    ("who", "sites"),
    [
        ("admin", ALL_SITES),
        ("inspector", ALL_SITES),
        ("operator", ALL_SITES),
        ("account_manager", A_SITES),
        ("service_director", A_SITES),
        ("work_manager", A_SITES),
        ("technician", set()),
        ("client_admin", A_SITES),
        ("private_customer", A_SITES),
        ("site_contact", {"Mammu"}),
    ],
)
def test_each_role_sees_its_sites_over_the_api(cast, who, sites):
    answer = token_client(person(cast, who)).get(reverse("api:site-list")).json()
    assert {site["name"] for site in answer["results"]} == sites


@pytest.mark.parametrize(
    ("who", "clients"),
    [
        ("admin", {"Measika kaubanduse OÜ", "Nevsky Business Centre"}),
        ("account_manager", {"Measika kaubanduse OÜ"}),
        ("other_account_manager", {"Nevsky Business Centre"}),
        ("work_manager", {"Measika kaubanduse OÜ"}),
        ("idle_director", set()),
        ("site_contact", {"Measika kaubanduse OÜ"}),
    ],
)
def test_each_role_sees_its_clients_over_the_api(cast, who, clients):
    answer = token_client(person(cast, who)).get(reverse("api:client-list")).json()
    assert {client["name"] for client in answer["results"]} == clients


def test_nobody_usable_sees_or_manages_anything(cast):
    for user in nobody():
        assert not access.sites_visible_to(user).exists()
        assert not access.clients_visible_to(user).exists()
        assert not access.clients_manageable_by(user).exists()
        assert not access.clients_nameable_by(user).exists()
        assert not access.memberships_visible_to(user).exists()
        assert not access.memberships_manageable_by(user).exists()
        assert not access.can_create_clients(user)
        assert not access.can_assign_account_manager(user)
        assert access.client_of(user) is None
        assert access.client_administered_by(user) is None


def test_the_administrator_and_account_managers_manage_clients_and_nobody_else(cast):
    assert names(access.clients_manageable_by(cast.staff.admin)) == {
        cast.client_a.name,
        cast.client_b.name,
    }
    assert names(access.clients_manageable_by(cast.staff.account_manager)) == {cast.client_a.name}
    for user in (cast.staff.service_director, cast.staff.inspector, cast.admin_a.user):
        assert not access.clients_manageable_by(user).exists()
    assert access.can_manage_client(cast.staff.account_manager, cast.client_a)
    assert not access.can_manage_client(cast.staff.account_manager, cast.client_b)
    # Every client, without asking the database; a client not saved is none of them.
    assert access.can_manage_client(cast.staff.admin, cast.client_b)
    assert not access.can_manage_client(cast.staff.admin, Client(name="Not saved"))


def test_only_the_administrator_registers_clients_and_names_their_managers(cast):
    assert access.can_create_clients(cast.staff.admin)
    assert access.can_assign_account_manager(cast.staff.admin)
    assert not access.can_create_clients(cast.staff.account_manager)
    assert not access.can_assign_account_manager(cast.staff.account_manager)


def test_staff_name_the_clients_they_manage_and_a_clients_people_their_own(cast):
    assert names(access.clients_nameable_by(cast.staff.account_manager)) == {cast.client_a.name}
    assert not access.clients_nameable_by(cast.staff.inspector).exists()
    assert names(access.clients_nameable_by(cast.contact_a.user)) == {cast.client_a.name}


def test_the_api_names_a_client_users_own_client_and_none_for_staff(cast):
    me = token_client(cast.contact_a.user).get(reverse("api:me")).json()
    assert me["client"] == {"id": cast.client_a.pk, "name": cast.client_a.name}
    assert token_client(cast.staff.admin).get(reverse("api:me")).json()["client"] is None


def test_a_client_person_without_a_membership_belongs_to_no_client(cast):
    cast.contact_b.delete()
    assert access.client_of(cast.contact_b.user) is None
    assert access.client_of(cast.staff.admin) is None


def test_a_client_administrator_without_a_membership_sees_no_site(cast):
    from clients.models import Site

    user = User.objects.get(pk=cast.admin_a.user.pk)
    cast.admin_a.delete()
    user = User.objects.get(pk=user.pk)
    assert not access.sites_visible_to(user).exists()
    assert not access.at_visible_sites(user, Site.objects.all()).exists()


@pytest.mark.parametrize(
    ("who", "sees", "manages"),
    [
        ("admin", {"Mari Kuusk", "Toomas Rebane", "Andrei Sokolov", "Natalia Morozova"}, 4),
        ("account_manager", {"Mari Kuusk", "Toomas Rebane"}, 2),
        ("service_director", {"Mari Kuusk", "Toomas Rebane"}, 0),
        ("client_admin", {"Mari Kuusk", "Toomas Rebane"}, 2),
        ("site_contact", set(), 0),
    ],
)
def test_who_sees_and_manages_a_clients_users(cast, who, sees, manages):
    user = person(cast, who)
    answer = token_client(user).get(reverse("api:client-user-list")).json()
    assert {member["full_name"] for member in answer["results"]} == sees
    assert access.memberships_manageable_by(user).count() == manages


def test_staff_are_shown_every_contact_a_clients_people_only_active_ones(cast):
    gone = cast.staff.work_manager
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert gone in access.contacts_shown_to(cast.staff.admin)
    shown = access.contacts_shown_to(cast.admin_a.user)
    assert gone not in shown and cast.staff.service_director in shown
    for viewer in not_usable():
        assert not access.contacts_shown_to(viewer).exists()


def test_a_site_whose_director_left_needs_a_new_owner(cast):
    director = cast.staff.service_director
    director.is_active = False
    director.save(update_fields=["is_active"])
    manager = cast.staff.account_manager
    assert names(access.sites_needing_new_owner(manager)) == A_SITES
    assert names(access.clients_needing_new_owner(manager)) == {cast.client_a.name}
    assert not access.clients_needing_new_owner(cast.staff.other_account_manager).exists()


def test_each_get_function_finds_what_is_visible_and_404s_the_rest(cast):
    manager = cast.staff.account_manager
    assert access.get_client_for(manager, cast.client_a.pk) == cast.client_a
    assert access.get_manageable_client_for(manager, cast.client_a.pk) == cast.client_a
    assert access.get_site_for(manager, cast.site_a1.pk) == cast.site_a1
    assert access.get_manageable_site_for(manager, cast.site_a1.pk) == cast.site_a1
    assert access.get_membership_for(manager, cast.contact_a.pk) == cast.contact_a
    director = cast.staff.service_director
    for lookup, pk in [
        (access.get_client_for, cast.client_b.pk),
        (access.get_manageable_client_for, cast.client_a.pk),
        (access.get_site_for, cast.site_b1.pk),
        (access.get_manageable_site_for, cast.site_a1.pk),
        (access.get_membership_for, cast.contact_a.pk),
    ]:
        with pytest.raises(Http404):
            lookup(director, pk)
