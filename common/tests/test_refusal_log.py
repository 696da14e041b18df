"""A refused request is one line in the log, never a traceback."""

import logging

import pytest
from django.urls import reverse

from api.tests.helpers import token_client


@pytest.fixture
def refusals(caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    return caplog


def _the_one_line(caplog):
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1, [r.getMessage() for r in records]
    record = records[0]
    assert record.exc_info is None
    assert "Traceback" not in caplog.text
    assert "\n" not in record.getMessage()
    return record.getMessage()


def test_forbidden_staff_page_is_one_line_with_the_user(client, cast, refusals):
    client.force_login(cast.contact_a.user)
    assert client.get(reverse("clients:client_list")).status_code == 403
    user_id = cast.contact_a.user.pk
    assert _the_one_line(refusals) == f"Refused GET /desk/clients/ 403 user={user_id}"


def test_another_clients_site_is_one_line(client, cast, refusals):
    client.force_login(cast.contact_a.user)
    path = reverse("portal:site_detail", args=[cast.site_b1.pk])
    assert client.get(path).status_code == 404
    assert _the_one_line(refusals) == f"Refused GET {path} 404 user={cast.contact_a.user.pk}"


def test_unknown_page_of_an_anonymous_visitor_is_one_line(client, db, refusals):
    assert client.post("/no-such-page/").status_code == 404
    assert _the_one_line(refusals) == "Refused POST /no-such-page/ 404 user=-"


def test_refused_api_request_is_one_line(cast, refusals):
    api = token_client(cast.admin_a.user, scope="read")
    assert api.post("/api/v1/webhooks/", {}).status_code == 403
    assert _the_one_line(refusals) == (
        f"Refused POST /api/v1/webhooks/ 403 user={cast.admin_a.user.pk}"
    )


def test_another_clients_record_in_the_api_is_one_line(cast, refusals):
    api = token_client(cast.admin_a.user)
    path = f"/api/v1/sites/{cast.site_b1.pk}/"
    assert api.get(path).status_code == 404
    assert _the_one_line(refusals) == f"Refused GET {path} 404 user={cast.admin_a.user.pk}"


def test_a_path_cannot_forge_a_second_log_line(client, db, refusals):
    client.get("/no-such-page/%0ARefused GET /admin/ 200 user=1")
    assert _the_one_line(refusals).startswith("Refused GET /no-such-page/\\nRefused")
