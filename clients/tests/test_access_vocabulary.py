"""The client a client administrator manages, and serializers that do not know their reader."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from clients import access
from clients.api.client_users import ClientUserWriteSerializer
from clients.api.clients import ClientSerializer
from clients.api.sites import SiteSerializer, SiteWriteSerializer
from clients.tests.factories import MembershipFactory


def context_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return {"request": request}


def test_a_client_administrator_administers_their_own_client(cast):
    assert access.client_administered_by(cast.admin_a.user) == cast.client_a
    assert access.client_administered_by(cast.admin_b.user) == cast.client_b


def test_nobody_else_administers_a_client(cast):
    private = MembershipFactory(client=cast.client_b, user__role=Role.PRIVATE_CUSTOMER)
    for user in (
        cast.contact_a.user,
        private.user,
        cast.staff.admin,
        cast.staff.account_manager,
        AnonymousUser(),
        None,
    ):
        assert access.client_administered_by(user) is None


def test_a_deactivated_client_administrator_administers_nothing(cast):
    cast.admin_a.user.is_active = False
    assert access.client_administered_by(cast.admin_a.user) is None
    assert not access.memberships_manageable_by(cast.admin_a.user).exists()


def test_a_client_the_provider_no_longer_serves_is_administered_by_nobody(cast):
    cast.client_a.is_active = False
    cast.client_a.save(update_fields=["is_active"])
    user = cast.admin_a.user
    assert access.client_administered_by(user) is None
    assert not access.memberships_manageable_by(user).exists()
    assert not access.memberships_visible_to(user).exists()


def test_a_site_contact_is_refused_the_portals_user_pages(client, cast):
    client.force_login(cast.contact_a.user)
    assert client.get(reverse("portal:user_list")).status_code == 403
    assert client.get(reverse("portal:user_invite")).status_code == 403


def test_staff_only_fields_are_empty_without_a_request(cast):
    assert ClientSerializer(cast.client_a).data["internal_notes"] is None
    assert SiteSerializer(cast.site_a1).data["internal_notes"] is None


def test_staff_only_fields_are_filled_in_for_staff_only(cast):
    staff = context_of(cast.staff.account_manager)
    assert ClientSerializer(cast.client_a, context=staff).data["internal_notes"] == (
        "Secret margin notes for A"
    )
    assert SiteSerializer(cast.site_a1, context=staff).data["internal_notes"] == "Alarm code 1234"
    for user in (cast.admin_a.user, AnonymousUser()):
        data = ClientSerializer(cast.client_a, context=context_of(user)).data
        assert data["internal_notes"] is None


def test_without_a_request_no_client_or_site_id_is_accepted(cast):
    new_user = ClientUserWriteSerializer(
        data={
            "client": cast.client_a.pk,
            "full_name": "Anna Tamm",
            "email": "anna@measika.example",
            "role": Role.SITE_CONTACT,
            "sites": [cast.site_a1.pk],
        }
    )
    assert not new_user.is_valid()
    assert set(new_user.errors) == {"client", "sites"}
    new_site = SiteWriteSerializer(data={"client": cast.client_a.pk, "name": "Rocca al Mare"})
    assert not new_site.is_valid()
    assert "client" in new_site.errors


def test_a_caller_names_only_the_clients_they_may_use(cast):
    assert list(access.clients_nameable_by(cast.staff.account_manager)) == [cast.client_a]
    assert list(access.clients_nameable_by(cast.admin_b.user)) == [cast.client_b]
    assert not access.clients_nameable_by(cast.staff.operator).exists()
    assert not access.clients_nameable_by(None).exists()
