"""Personal tokens: made on the profile page, shown once, stored hashed, scoped, revocable."""

from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken
from api.tests.helpers import token_client


def test_a_person_creates_a_token_sees_it_once_and_it_works(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(reverse("accounts:tokens"), {"name": "Facility system", "scope": "read"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    text = response.context["text"]
    assert text.startswith("cd_") and text in response.text
    token = ApiToken.objects.get()
    assert text not in (token.digest, token.prefix)

    listing = client.get(reverse("accounts:tokens"))
    assert "Facility system" in listing.text
    assert text not in listing.text

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
    me = api.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["email"] == cast.admin_a.user.email
    assert me.json()["client"] == {"id": cast.client_a.pk, "name": cast.client_a.name}
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_needs_a_name(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(reverse("accounts:tokens"), {"name": " ", "scope": "read"})
    assert "This field is required." in response.text
    assert not ApiToken.objects.exists()


def test_a_revoked_token_stops_working(client, cast):
    api = token_client(cast.admin_a.user)
    token = ApiToken.objects.get()
    client.force_login(cast.admin_a.user)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_nobody_revokes_another_persons_token(client, cast):
    token_client(cast.admin_b.user)
    token = ApiToken.objects.get()
    client.force_login(cast.admin_a.user)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_read_only_token_cannot_change_anything(cast):
    api = token_client(cast.staff.admin, scope="read")
    response = api.post("/api/v1/notifications/read-all/")
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "permission_denied",
        "message": "This token is read only.",
    }


def test_a_deactivated_persons_tokens_stop_working(cast):
    api = token_client(cast.contact_a.user)
    cast.contact_a.user.is_active = False
    cast.contact_a.user.save()
    assert api.get("/api/v1/me/").status_code == 401


def test_a_garbled_token_is_refused_with_a_clear_message(cast):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Bearer cd_nonsense")
    response = api.get("/api/v1/sites/", HTTP_ACCEPT_LANGUAGE="et")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "authentication_failed"
