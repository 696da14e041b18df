from django.urls import reverse

from clients.tests.factories import SiteFactory


def test_client_sees_their_sites_with_director_and_account_manager(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.get(reverse("portal:home"))
    text = response.text
    assert "Mammu" in text and "Kadaka" in text
    assert "Tiina Saar" in text and "+372 5234 5678" in text
    assert "Marko Kask" in text and "+372 5123 4567" in text
    assert cast.staff.account_manager.email in text
    assert "Tower B-One" not in text


def test_site_contact_sees_only_their_site(client, cast):
    client.force_login(cast.contact_a.user)
    text = client.get(reverse("portal:home")).text
    assert "Mammu" in text
    assert "Kadaka" not in text
    assert client.get(cast.site_a2.get_portal_url()).status_code == 404


def test_portal_never_shows_internal_notes(client, cast):
    client.force_login(cast.admin_a.user)
    for url in (reverse("portal:home"), cast.site_a1.get_portal_url()):
        text = client.get(url).text
        assert "Alarm code" not in text
        assert "Secret margin" not in text


def test_site_page_shows_the_contacts(client, cast):
    client.force_login(cast.contact_a.user)
    text = client.get(cast.site_a1.get_portal_url()).text
    assert "Tiina Saar" in text and "Jaan Oja" in text and "Marko Kask" in text


def test_portal_home_query_count_is_constant(client, cast, count_queries):
    client.force_login(cast.admin_a.user)
    url = reverse("portal:home")
    _response, few = count_queries(lambda: client.get(url))
    SiteFactory.create_batch(8, client=cast.client_a)
    response, many = count_queries(lambda: client.get(url))
    assert response.text.count("card-title") == 10
    assert few == many


def test_portal_users_query_count_is_constant(client, cast, count_queries):
    from clients.tests.factories import MembershipFactory

    client.force_login(cast.admin_a.user)
    url = reverse("portal:user_list")
    _response, few = count_queries(lambda: client.get(url))
    MembershipFactory.create_batch(
        6, client=cast.client_a, user__role="site_contact", sites=[cast.site_a1]
    )
    _response, many = count_queries(lambda: client.get(url))
    assert few == many


def test_site_contact_cannot_manage_users(client, cast):
    client.force_login(cast.contact_a.user)
    assert client.get(reverse("portal:user_list")).status_code == 403
    assert client.get(reverse("portal:user_invite")).status_code == 403


def test_client_administrator_cannot_deactivate_themselves(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(
        reverse("portal:user_set_active", args=[cast.admin_a.pk]), {"active": "0"}, follow=True
    )
    assert "You cannot deactivate your own account." in response.text
    cast.admin_a.user.refresh_from_db()
    assert cast.admin_a.user.is_active


def test_staff_opening_the_portal_go_to_the_desk(client, cast):
    client.force_login(cast.staff.operator)
    assert client.get(reverse("portal:home"))["Location"] == "/"


def test_a_new_users_language_starts_as_the_clients(client, cast):
    cast.client_a.language = "et"
    cast.client_a.save()
    client.force_login(cast.admin_a.user)
    form = client.get(reverse("portal:user_invite")).context["form"]
    assert form["language"].value() == "et"
