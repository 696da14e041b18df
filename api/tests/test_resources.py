"""Contract tests per resource: what each kind of caller reads and may do."""

import pytest
from django.test import Client as Browser
from django.urls import reverse

from accounts.models import User
from api.tests.helpers import token_client
from clients.models import Client, Site
from notifications.models import Notification
from notifications.services import notify


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_staff_read_clients_with_internal_notes_and_clients_read_only_their_own(cast):
    staff = results(token_client(cast.staff.account_manager).get("/api/v1/clients/"))
    assert [c["name"] for c in staff] == [cast.client_a.name]
    assert staff[0]["internal_notes"] == "Secret margin notes for A"
    assert staff[0]["account_manager"]["full_name"] == "Marko Kask"

    own = results(token_client(cast.contact_a.user).get("/api/v1/clients/"))
    assert [c["name"] for c in own] == [cast.client_a.name]
    assert own[0]["internal_notes"] is None


def test_the_administrator_registers_a_client_and_others_cannot(cast):
    body = {"name": "Uus Klient OÜ", "registry_code": "12345678", "language": "et"}
    response = token_client(cast.staff.admin).post("/api/v1/clients/", body)
    assert response.status_code == 201
    assert response.json()["name"] == "Uus Klient OÜ"
    assert Client.history.filter(name="Uus Klient OÜ").get().history_user == cast.staff.admin
    refused = token_client(cast.staff.account_manager).post(
        "/api/v1/clients/", {**body, "registry_code": "87654321"}
    )
    assert refused.status_code == 403


def test_a_bad_registry_code_is_explained_and_nothing_is_saved(cast):
    response = token_client(cast.staff.admin).post(
        "/api/v1/clients/", {"name": "X", "registry_code": "a b"}
    )
    assert response.status_code == 400
    assert "registry_code" in response.json()["error"]["fields"]
    assert not Client.objects.filter(name="X").exists()


def test_an_account_manager_edits_a_client_but_cannot_reassign_it(cast):
    api = token_client(cast.staff.account_manager)
    url = f"/api/v1/clients/{cast.client_a.pk}/"
    response = api.patch(url, {"phone": "+372 600 1234", "version": 1})
    assert response.status_code == 200
    assert response.json()["phone"] == "+372 600 1234"
    refused = api.patch(url, {"account_manager": cast.staff.admin.pk, "version": 2})
    assert refused.status_code == 403


def test_sites_are_filtered_and_a_contact_sees_only_theirs(cast):
    api = token_client(cast.staff.admin)
    names = [s["name"] for s in results(api.get(f"/api/v1/sites/?client={cast.client_a.pk}"))]
    assert sorted(names) == ["Kadaka", "Mammu"]
    assert [s["name"] for s in results(api.get("/api/v1/sites/?q=Nevsky"))] == ["Tower B-One"]

    mine = results(token_client(cast.contact_a.user).get("/api/v1/sites/"))
    assert [s["name"] for s in mine] == ["Mammu"]
    assert mine[0]["internal_notes"] is None
    assert mine[0]["service_director"]["phone"] == "+372 5234 5678"


def test_an_account_manager_adds_a_site_to_their_client_only(cast):
    api = token_client(cast.staff.account_manager)
    body = {"client": cast.client_a.pk, "name": "Rocca", "address": "Paldiski mnt 102"}
    assert api.post("/api/v1/sites/", body).status_code == 201
    assert Site.objects.filter(name="Rocca", client=cast.client_a).exists()
    other = api.post("/api/v1/sites/", {**body, "client": cast.client_b.pk, "name": "Z"})
    # Another client's id reads as one that does not exist.
    assert other.status_code == 400
    assert "client" in other.json()["error"]["fields"]
    assert not Site.objects.filter(name="Z").exists()


def test_a_site_stays_with_its_client(cast):
    # Its inspections and actions name the client; its people own its history.
    api = token_client(cast.staff.admin)
    url = f"/api/v1/sites/{cast.site_a1.pk}/"
    moved = api.patch(url, {"client": cast.client_b.pk, "name": "Moved", "version": 1})
    assert moved.status_code == 400
    assert "client" in moved.json()["error"]["fields"]
    cast.site_a1.refresh_from_db()
    assert (cast.site_a1.client, cast.site_a1.name, cast.site_a1.version) == (
        cast.client_a,
        "Mammu",
        1,
    )
    # Nor in the admin, where a new site chooses its client and a saved one shows it.
    admin = Browser()
    admin.force_login(cast.staff.admin)
    change = admin.get(reverse("admin:clients_site_change", args=[cast.site_a1.pk]))
    assert change.status_code == 200 and 'name="client"' not in change.text
    assert 'name="client"' in admin.get(reverse("admin:clients_site_add")).text
    same = api.patch(url, {"client": cast.client_a.pk, "name": "Mammu Ülemiste", "version": 1})
    assert same.status_code == 200
    assert same.json()["name"] == "Mammu Ülemiste"


def test_a_client_one_sees_but_does_not_manage_takes_no_new_site(cast):
    # The service director sees client A's sites; only its managers add one.
    api = token_client(cast.staff.service_director)
    assert api.get(f"/api/v1/clients/{cast.client_a.pk}/").status_code == 200
    body = {"client": cast.client_a.pk, "name": "Rocca", "address": "Paldiski mnt 102"}
    response = api.post("/api/v1/sites/", body)
    assert response.status_code == 400
    assert "client" in response.json()["error"]["fields"]
    assert not Site.objects.filter(name="Rocca").exists()


def test_a_team_change_through_the_api_tells_the_client_like_the_page_does(cast):
    api = token_client(cast.staff.account_manager)
    response = api.patch(
        f"/api/v1/sites/{cast.site_a1.pk}/",
        {"service_director": cast.staff.idle_director.pk, "version": 1},
    )
    assert response.status_code == 200
    assert Notification.objects.filter(
        recipient=cast.admin_a.user, event="site.team_changed"
    ).exists()


def test_a_client_administrator_invites_deactivates_and_reactivates_a_colleague(cast):
    api = token_client(cast.admin_a.user)
    created = api.post(
        "/api/v1/client-users/",
        {
            "full_name": "Kaja Kask",
            "email": "kaja@measika.example",
            "role": "site_contact",
            "sites": [cast.site_a2.pk],
            "language": "et",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["client"] == cast.client_a.pk
    assert body["sites"] == [cast.site_a2.pk]
    assert body["has_accepted_invitation"] is False

    url = f"/api/v1/client-users/{body['id']}/"
    assert api.post(url + "deactivate/").json()["is_active"] is False
    assert api.post(url + "reactivate/").json()["is_active"] is True
    assert api.post(url + "resend-invitation/").status_code == 200
    changed = api.patch(url, {"phone": "+372 5000 0000", "version": body["version"]})
    assert changed.status_code == 200
    assert changed.json()["phone"] == "+372 5000 0000"


def test_a_client_administrator_cannot_invite_into_another_client_or_give_its_sites(cast):
    api = token_client(cast.admin_a.user)
    body = {"full_name": "X", "email": "x@example.com", "role": "site_contact"}
    other_client = api.post(
        "/api/v1/client-users/", {**body, "client": cast.client_b.pk, "sites": [cast.site_a1.pk]}
    )
    assert other_client.status_code == 400
    assert "client" in other_client.json()["error"]["fields"]
    other_site = api.post("/api/v1/client-users/", {**body, "sites": [cast.site_b1.pk]})
    assert other_site.status_code == 400
    assert not User.objects.filter(email="x@example.com").exists()


def test_a_site_contact_cannot_manage_users(cast):
    api = token_client(cast.contact_a.user)
    assert results(api.get("/api/v1/client-users/")) == []
    response = api.post(f"/api/v1/client-users/{cast.admin_a.pk}/deactivate/")
    assert response.status_code == 404


def test_staff_accounts_are_for_administrators(cast):
    listing = results(token_client(cast.staff.admin).get("/api/v1/staff-users/?role=operator"))
    assert [u["full_name"] for u in listing] == ["Elena Kuznetsova"]
    assert results(token_client(cast.staff.operator).get("/api/v1/staff-users/")) == []


def test_notifications_are_listed_read_and_read_all(cast):
    for site in (cast.site_a1, cast.site_a2):
        notify(
            "site.team_changed",
            recipients=[cast.admin_a.user],
            target=site,
            params={"site": site.name},
        )
    api = token_client(cast.admin_a.user, language="et")
    listing = results(api.get("/api/v1/notifications/?unread=true"))
    assert [n["title"] for n in listing] == [
        "Kadaka: uued kontaktisikud",
        "Mammu: uued kontaktisikud",
    ]
    read = api.post(f"/api/v1/notifications/{listing[0]['id']}/read/")
    assert read.json()["read_at"] is not None
    assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert results(api.get("/api/v1/notifications/?unread=true")) == []
    # Nobody else reads them.
    other = token_client(cast.contact_a.user)
    assert other.get(f"/api/v1/notifications/{listing[0]['id']}/").status_code == 404


def test_lists_page_with_a_cursor(cast):
    for n in range(5):
        notify(
            "site.team_changed",
            recipients=[cast.admin_a.user],
            target=cast.site_a1,
            params={"site": f"S{n}"},
        )
    api = token_client(cast.admin_a.user)
    first = api.get("/api/v1/notifications/?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"]
    second = api.get(first["next"]).json()
    assert {n["id"] for n in first["results"]}.isdisjoint({n["id"] for n in second["results"]})


def test_the_schema_and_docs_are_served_from_the_app(client, db):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/client-users/{id}/deactivate/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()


@pytest.mark.parametrize(
    ("person", "url"),
    [
        ("account_manager", "/api/v1/clients/"),
        ("account_manager", "/api/v1/sites/"),
        ("admin_a", "/api/v1/client-users/"),
        ("admin", "/api/v1/staff-users/"),
        ("admin_a", "/api/v1/notifications/"),
    ],
)
def test_list_query_counts_do_not_grow(cast, count_queries, person, url):
    from common.tests.test_query_counts import grow, tell, who

    user = cast.admin_a.user if person == "admin_a" else who(cast, person)
    api = token_client(user)
    tell(cast, [cast.site_a1])
    api.get(url)  # the first use of a token also notes when it was used
    _response, few = count_queries(lambda: api.get(url))
    grow(None, cast)
    response, many = count_queries(lambda: api.get(url))
    assert response.status_code == 200
    assert many == few, f"{url}: {few} queries before, {many} after"


def test_an_edit_that_breaks_a_model_rule_is_explained_not_a_server_error(cast):
    cast.client_b.registry_code = "TAKEN-1"
    cast.client_b.save()
    api = token_client(cast.staff.account_manager)
    response = api.patch(
        f"/api/v1/clients/{cast.client_a.pk}/", {"registry_code": "TAKEN-1", "version": 1}
    )
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "rule_violation",
        "message": "Another client already has this registry code.",
    }
    cast.client_a.refresh_from_db()
    assert cast.client_a.registry_code != "TAKEN-1"
