import re

from django.urls import reverse

from clients.models import Client, Site
from clients.tests.factories import ClientFactory, SiteFactory


def client_data(**overrides):
    return {
        "kind": "organisation",
        "name": "Uus Klient AS",
        "registry_code": "14567890",
        "language": "et",
        "address": "Tartu mnt 1, Tallinn",
        "email": "info@uus.example",
        "phone": "+372 600 0000",
        "phone_secondary": "",
        "account_manager": "",
        "internal_notes": "",
        "is_active": "on",
        "loaded_version": 1,
    } | overrides


def test_staff_list_shows_clients_with_search(client, cast):
    client.force_login(cast.staff.operator)
    response = client.get(reverse("clients:client_list"))
    assert cast.client_a.name in response.text and cast.client_b.name in response.text
    response = client.get(reverse("clients:client_list"), {"q": "mammu"})
    assert cast.client_a.name in response.text
    assert cast.client_b.name not in response.text


def test_search_by_htmx_returns_only_the_results_fragment(client, cast):
    client.force_login(cast.staff.operator)
    response = client.get(
        reverse("clients:client_list"), {"q": "Nevsky"}, headers={"HX-Request": "true"}
    )
    assert cast.client_b.name in response.text
    assert "<nav" not in response.text  # no layout around the fragment


def test_client_list_paginates(client, cast):
    ClientFactory.create_batch(30, account_manager=cast.staff.account_manager)
    client.force_login(cast.staff.admin)
    first = client.get(reverse("clients:client_list"))
    assert "32 clients" in first.text and 'rel="next"' in first.text
    after = re.search(r'href="\?after=([^"]+)" rel="next"', first.text).group(1)
    second = client.get(reverse("clients:client_list"), {"after": after})
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text
    names = re.findall(r'<a href="/desk/clients/\d+/">([^<]+)</a>', first.text + second.text)
    assert len(names) == len(set(names)) == 32


def test_client_list_query_count_is_constant(client, cast, count_queries):
    client.force_login(cast.staff.admin)
    url = reverse("clients:client_list")
    _response, few = count_queries(lambda: client.get(url))
    for _ in range(10):
        SiteFactory(client=ClientFactory())
    _response, many = count_queries(lambda: client.get(url))
    assert few == many


def test_client_detail_query_count_is_constant(client, cast, count_queries):
    client.force_login(cast.staff.admin)
    url = reverse("clients:client_detail", args=[cast.client_a.pk])
    _response, few = count_queries(lambda: client.get(url))
    for n in range(5):
        site = SiteFactory(client=cast.client_a)
        client.post(
            reverse("clients:site_edit", args=[site.pk]),
            {
                "name": f"Renamed {n}",
                "address": "x",
                "status": "active",
                "service_director": "",
                "work_manager": "",
                "internal_notes": "",
                "loaded_version": 1,
            },
        )
    _response, many = count_queries(lambda: client.get(url))
    assert few == many


def test_administrator_creates_a_client(client, cast):
    client.force_login(cast.staff.admin)
    response = client.post(
        reverse("clients:client_create"), client_data(account_manager=cast.staff.account_manager.pk)
    )
    created = Client.objects.get(registry_code="14567890")
    assert response["Location"] == created.get_staff_url()
    assert created.account_manager == cast.staff.account_manager
    page = client.get(created.get_staff_url())
    history_url = reverse("clients:client_history", args=[created.pk])
    assert f'href="{history_url}"' in page.text  # a tab of the client's page
    history = client.get(history_url)
    assert "created" in history.text and "Ada Admin" in history.text


def test_organisation_needs_a_registry_code(client, cast):
    client.force_login(cast.staff.admin)
    response = client.post(reverse("clients:client_create"), client_data(registry_code=""))
    assert "An organisation needs its registry code." in response.text
    assert not Client.objects.filter(name="Uus Klient AS").exists()


def test_registry_code_is_unique(client, cast):
    client.force_login(cast.staff.admin)
    response = client.post(
        reverse("clients:client_create"), client_data(registry_code=cast.client_b.registry_code)
    )
    assert "Another client already has this registry code." in response.text


def test_bad_phone_and_email_are_explained(client, cast):
    client.force_login(cast.staff.admin)
    response = client.post(
        reverse("clients:client_create"), client_data(phone="call me", email="nope")
    )
    assert "Enter a phone number" in response.text
    assert "Enter a valid email address" in response.text


def test_only_the_administrator_creates_clients(client, cast):
    client.force_login(cast.staff.account_manager)
    assert client.get(reverse("clients:client_create")).status_code == 403
    assert client.post(reverse("clients:client_create"), client_data()).status_code == 403


def test_account_manager_edits_their_client_and_history_shows_it(client, cast):
    client.force_login(cast.staff.account_manager)
    url = reverse("clients:client_edit", args=[cast.client_a.pk])
    form = client.get(url)
    assert "account_manager" not in form.text  # only the administrator reassigns
    response = client.post(url, client_data(name="Measika AS", registry_code="10234567"))
    assert response.status_code == 302
    page = client.get(cast.client_a.get_staff_url())
    assert "Measika AS" in page.text
    history = client.get(reverse("clients:client_history", args=[cast.client_a.pk]))
    assert "Measika kaubanduse OÜ → Measika AS" in history.text
    assert "Marko Kask" in history.text


def test_a_stale_edit_is_refused_and_keeps_both_changes(client, cast):
    client.force_login(cast.staff.admin)
    url = reverse("clients:client_edit", args=[cast.client_a.pk])
    client.post(url, client_data(name="First edit", registry_code="1"))  # invalid code
    assert (
        client.post(
            url, client_data(name="First edit", registry_code="10234567", loaded_version=1)
        ).status_code
        == 302
    )
    response = client.post(
        url, client_data(name="Second edit", registry_code="10234567", loaded_version=1)
    )
    assert response.status_code == 200
    assert "Someone else saved this record" in response.text
    assert 'value="Second edit"' in response.text
    cast.client_a.refresh_from_db()
    assert cast.client_a.name == "First edit"


def test_other_account_manager_cannot_edit(client, cast):
    client.force_login(cast.staff.other_account_manager)
    url = reverse("clients:client_edit", args=[cast.client_a.pk])
    assert client.get(url).status_code == 404


def test_site_is_added_with_its_director(client, cast):
    client.force_login(cast.staff.account_manager)
    response = client.post(
        reverse("clients:site_create", args=[cast.client_a.pk]),
        {
            "name": "Lõunakeskus",
            "address": "Ringtee 75, Tartu",
            "status": "active",
            "service_director": cast.staff.service_director.pk,
            "work_manager": "",
            "internal_notes": "",
            "loaded_version": 1,
        },
    )
    site = Site.objects.get(name="Lõunakeskus")
    assert response["Location"] == site.get_staff_url()
    assert site.service_director == cast.staff.service_director


def test_site_name_is_unique_per_client(client, cast):
    client.force_login(cast.staff.account_manager)
    response = client.post(
        reverse("clients:site_create", args=[cast.client_a.pk]),
        {
            "name": "Mammu",
            "address": "x",
            "status": "active",
            "service_director": "",
            "work_manager": "",
            "internal_notes": "",
            "loaded_version": 1,
        },
    )
    assert "This client already has a site with this name." in response.text


def test_a_client_user_cannot_be_named_service_director(client, cast):
    client.force_login(cast.staff.admin)
    response = client.post(
        reverse("clients:site_edit", args=[cast.site_a1.pk]),
        {
            "name": "Mammu",
            "address": "x",
            "status": "active",
            "service_director": cast.admin_a.user.pk,
            "work_manager": "",
            "internal_notes": "",
            "loaded_version": 1,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_staff_change_a_client_users_sites_and_history_records_it(client, cast):
    client.force_login(cast.staff.account_manager)
    user = cast.contact_a.user
    response = client.post(
        reverse("clients:client_user_edit", args=[cast.contact_a.pk]),
        {
            "full_name": user.full_name,
            "email": user.email,
            "role": "site_contact",
            "phone": "",
            "language": "et",
            "sites": [cast.site_a1.pk, cast.site_a2.pk],
            "loaded_version": user.version,
        },
    )
    assert response.status_code == 302
    assert set(cast.contact_a.sites.all()) == {cast.site_a1, cast.site_a2}
    assert response["Location"] == reverse("clients:client_user_list", args=[cast.client_a.pk])
    page = client.get(response["Location"])
    assert "Kadaka, Mammu" in page.text


def test_deactivating_a_client_user_needs_post(client, cast):
    client.force_login(cast.staff.account_manager)
    url = reverse("clients:client_user_set_active", args=[cast.contact_a.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"active": "0"})
    cast.contact_a.user.refresh_from_db()
    assert not cast.contact_a.user.is_active


def test_staff_page_shows_internal_notes(client, cast):
    client.force_login(cast.staff.account_manager)
    assert "Alarm code 1234" in client.get(cast.site_a1.get_staff_url()).text


def test_a_big_clients_sites_and_people_are_tabs_of_their_own_paged_and_searched(client, cast):
    from clients.tests.factories import MembershipFactory

    for n in range(30):
        SiteFactory(client=cast.client_a, name=f"Branch {n:02d}")
        MembershipFactory(client=cast.client_a, user__full_name=f"Person {n:02d}")
    client.force_login(cast.staff.admin)
    overview = client.get(reverse("clients:client_detail", args=[cast.client_a.pk]))
    assert "Branch 00" not in overview.text and "Person 00" not in overview.text
    url = reverse("clients:client_sites", args=[cast.client_a.pk])
    first = client.get(url)
    assert "32 sites" in first.text and "Branch 00" in first.text
    after = re.search(r'href="\?after=([^"]+)" rel="next"', first.text).group(1)
    second = client.get(url, {"after": after})
    assert "Branch 29" in second.text and "Branch 00" not in second.text
    found = client.get(url, {"q": "branch 1"})
    assert "10 sites" in found.text and "Branch 2" not in found.text
    people = client.get(reverse("clients:client_user_list", args=[cast.client_a.pk]))
    assert "Person 00" in people.text and "Branch" not in people.text
    one = client.get(people.request["PATH_INFO"], {"q": "PERSON 07"})
    assert "1 user" in one.text and "Person 07" in one.text and "Person 08" not in one.text


def test_client_list_rows_show_site_counts_and_account_managers(client, cast):
    """A client without sites counts 0 of them (its row has none to count), and
    a row names its account manager, or shows a dash without one."""
    client.force_login(cast.staff.operator)
    empty = ClientFactory(name="Tühi Klient OÜ", account_manager=None)
    rows = {
        row.split("</a>")[0].rsplit(">", 1)[-1]: row
        for row in client.get(reverse("clients:client_list")).text.split("<tr>")[2:]
    }
    assert '<td data-label="Sites">0</td>' in rows[empty.name]
    assert '<td data-label="Account manager">—</td>' in rows[empty.name]
    manager = cast.client_a.account_manager
    assert f'<td data-label="Account manager">{manager.full_name}</td>' in rows[cast.client_a.name]
