"""What every endpoint shares: idempotent POSTs, rate limits, one error shape, stale edits."""

import pytest

from accounts.models import User
from api.tests.helpers import token_client


def invite(api, cast, email="kaja@measika.example", key=None, **extra):
    body = {
        "full_name": "Kaja Kask",
        "email": email,
        "role": "site_contact",
        "sites": [cast.site_a1.pk],
        **extra,
    }
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return api.post("/api/v1/client-users/", body, format="json", **headers)


def test_a_retried_post_with_the_same_key_returns_the_first_answer(cast):
    api = token_client(cast.admin_a.user)
    first = invite(api, cast, key="invite-kaja-1")
    again = invite(api, cast, key="invite-kaja-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert User.objects.filter(email="kaja@measika.example").count() == 1


def test_the_same_key_for_another_request_is_refused(cast):
    api = token_client(cast.admin_a.user)
    invite(api, cast, key="k-1")
    response = invite(api, cast, email="other@measika.example", key="k-1")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert not User.objects.filter(email="other@measika.example").exists()


def test_without_a_key_a_retry_is_a_new_request(cast):
    api = token_client(cast.admin_a.user)
    invite(api, cast)
    response = invite(api, cast)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "rule_violation"
    assert "email" in response.json()["error"]["fields"]


def test_keys_belong_to_one_person(cast):
    invite(token_client(cast.admin_a.user), cast, key="shared")
    response = invite(
        token_client(cast.staff.account_manager),
        cast,
        email="x@measika.example",
        key="shared",
        client=cast.client_a.pk,
    )
    assert response.status_code == 201


def test_too_many_requests_get_429_with_retry_after(cast, settings):
    settings.API_RATE_LIMIT = "3/minute"
    api = token_client(cast.contact_a.user)
    statuses = [api.get("/api/v1/sites/").status_code for _n in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/sites/")
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "throttled"
    # Another token of another person has its own allowance.
    assert token_client(cast.admin_a.user).get("/api/v1/sites/").status_code == 200


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Enter a valid email address."), ("ru", "Введите правильный адрес электронной почты.")],
)
def test_errors_are_in_the_callers_language(cast, language, message):
    api = token_client(cast.admin_a.user, language=language)
    response = invite(api, cast, email="not-an-address")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"]["email"] == [message]


def test_an_edit_of_a_changed_record_is_refused_with_409(cast):
    api = token_client(cast.staff.account_manager)
    url = f"/api/v1/sites/{cast.site_a1.pk}/"
    version = api.get(url).json()["version"]
    assert api.patch(url, {"address": "Uus tee 1", "version": version}).status_code == 200
    stale = api.patch(url, {"address": "Vana tee 2", "version": version})
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_version"
    cast.site_a1.refresh_from_db()
    assert cast.site_a1.address == "Uus tee 1"


def test_an_edit_without_a_version_is_explained(cast):
    api = token_client(cast.staff.account_manager)
    response = api.patch(f"/api/v1/sites/{cast.site_a1.pk}/", {"address": "Uus tee 1"})
    assert response.status_code == 400
    assert "version" in response.json()["error"]["fields"]


def test_the_portal_session_works_and_checks_csrf(cast):
    from rest_framework.test import APIClient

    api = APIClient(enforce_csrf_checks=True)
    api.force_login(cast.admin_a.user)
    assert api.get("/api/v1/sites/").status_code == 200
    response = api.post("/api/v1/notifications/read-all/")
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]


def test_errors_inside_a_list_are_named_by_their_path(cast):
    api = token_client(cast.staff.admin)
    response = api.post(
        "/api/v1/webhooks/", {"url": "https://x.example", "events": ["", "ok"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"events.0": ["This field may not be blank."]}
