"""What a logged-in person sees is never stored by a proxy, nor kept by the browser."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.tests.helpers import token_client

NO_STORE = "private, no-store"


def test_staff_page_is_not_stored(client, cast):
    client.force_login(cast.staff.account_manager)
    response = client.get(reverse("clients:client_list"))
    assert response.status_code == 200
    assert "Measika" in response.text
    assert response["Cache-Control"] == NO_STORE


def test_portal_page_is_not_stored(client, cast):
    client.force_login(cast.contact_a.user)
    response = client.get(reverse("portal:home"))
    assert "Mammu" in response.text
    assert response["Cache-Control"] == NO_STORE


def test_refusals_to_a_logged_in_person_are_not_stored_either(client, cast):
    client.force_login(cast.contact_a.user)
    assert client.get(reverse("clients:client_list"))["Cache-Control"] == NO_STORE
    assert client.get("/no-such-page/")["Cache-Control"] == NO_STORE


def test_api_answer_with_a_token_is_not_stored(cast):
    response = token_client(cast.admin_a.user).get("/api/v1/sites/")
    assert response.status_code == 200
    assert {site["name"] for site in response.json()["results"]} == {"Mammu", "Kadaka"}
    assert response["Cache-Control"] == NO_STORE


def test_api_answer_to_the_portals_session_is_not_stored(cast):
    api = APIClient()
    api.force_login(cast.admin_a.user)
    response = api.get("/api/v1/me/")
    assert response.json()["email"] == cast.admin_a.user.email
    assert response["Cache-Control"] == NO_STORE


def test_a_page_that_forbids_caching_itself_keeps_its_own_header(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.get(reverse("accounts:tokens"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_checked_photo_stays_in_the_persons_own_browser_cache(client, cast, settings):
    photo = settings.MEDIA_ROOT / "photos" / "tiina.png"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    client.force_login(cast.contact_a.user)
    response = client.get(reverse("media", args=["photos/tiina.png"]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=3600"


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password-reset/"])
def test_anonymous_pages_are_never_kept_by_a_shared_cache(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Cache-Control"]
    assert "private" in policy
    assert "public" not in policy
