"""Under /api/ every answer is JSON in the API's error shape, whatever went wrong and
wherever it was caught: the URL resolver, Django, the parsers, DRF or a bug."""

import json
import logging

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from api.parsers import MAX_DEPTH
from api.tests.helpers import detail_routes, list_routes, token_client
from clients.models import Site
from quality.tests import helpers as quality


def error_of(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert {"code", "message"} <= set(body["error"])
    assert "Traceback" not in response.content.decode()
    return body["error"]


@pytest.mark.parametrize("route", detail_routes())
@pytest.mark.parametrize(
    "bad_id", ["abc", "-1", "1.5", "1e3", "%20", "0x1", "99999999999999999999"]
)
def test_an_id_that_is_not_one_answers_like_a_missing_record(cast, route, bad_id):
    api = token_client(cast.staff.admin)
    missing = api.get(route.format(id=999999))
    bad = api.get(route.format(id=bad_id))
    assert error_of(bad, 404) == error_of(missing, 404)
    assert error_of(bad, 404)["code"] == "not_found"


@pytest.mark.parametrize(
    "url", ["/api/", "/api/v1/", "/api/v1/nothing-here/", "/api/v2/sites/", "/api/v1/sites/1/x/"]
)
def test_an_unknown_api_url_is_a_json_404_signed_in_or_not(cast, url):
    assert error_of(token_client(cast.admin_a.user).get(url), 404)["code"] == "not_found"
    assert error_of(APIClient().get(url), 404)["code"] == "not_found"


def test_a_call_without_its_final_slash_is_sent_on_with_its_method_and_body(cast):
    """A 301 lets clients repeat a POST as a GET, which would read a list and "succeed"."""
    api = token_client(cast.staff.admin)
    response = api.post("/api/v1/sites", new_site(cast), format="json")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/sites/"
    assert not Site.objects.filter(name="Uus pood").exists()
    assert api.post(response["Location"], new_site(cast), format="json").status_code == 201
    assert Site.objects.filter(name="Uus pood").count() == 1


def test_the_final_slash_is_added_with_308_under_debug_too(cast, settings):
    settings.DEBUG = True
    response = token_client(cast.staff.admin).post("/api/v1/sites", new_site(cast), format="json")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/sites/"


def test_a_page_outside_the_api_still_gets_the_html_404(cast, client):
    response = client.get("/desk/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_404_is_in_the_callers_language(cast):
    api = token_client(cast.admin_a.user, language="ru")
    english = error_of(token_client(cast.admin_a.user).get("/api/v1/sites/abc/"), 404)
    russian = error_of(api.get("/api/v1/sites/abc/"), 404)
    assert russian["message"] != english["message"]
    assert russian == error_of(api.get("/api/v1/sites/999999/"), 404)


@pytest.mark.parametrize("route", list_routes())
@pytest.mark.parametrize("method", ["put", "delete"])
def test_a_method_a_list_does_not_take_is_a_json_405(cast, route, method):
    response = getattr(token_client(cast.staff.admin), method)(route)
    assert error_of(response, 405)["code"] == "method_not_allowed"


def new_site(cast, **extra):
    return {"client": cast.client_a.pk, "name": "Uus pood", "address": "Tee 1", **extra}


def test_a_json_body_over_the_limit_is_a_413_and_changes_nothing(cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    api = token_client(cast.staff.account_manager)
    response = api.post("/api/v1/sites/", new_site(cast, address="x" * 3000), format="json")
    error = error_of(response, 413)
    assert error["code"] == "request_too_large"
    assert "2.0" in error["message"]
    assert not Site.objects.filter(name="Uus pood").exists()


def test_a_body_longer_than_its_content_length_says_is_read_no_further(cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    api = token_client(cast.staff.account_manager)
    body = json.dumps(new_site(cast, address="x" * 3000)).encode()
    # The header claims little; the parser still stops at the limit.
    response = api.generic(
        "POST", "/api/v1/sites/", body, content_type="application/json", CONTENT_LENGTH="100"
    )
    assert response.status_code == 400
    assert not Site.objects.filter(name="Uus pood").exists()


def inspectors_draft(cast):
    quality.default_template()
    api = token_client(cast.staff.inspector)
    draft = api.post("/api/v1/inspections/", {"site": cast.site_a1.pk}, format="json").json()
    return api, f"/api/v1/inspections/{draft['id']}/photos/", draft["scores"][0]["id"]


def test_an_upload_over_the_picture_limit_is_a_413(cast, settings):
    api, url, score = inspectors_draft(cast)
    settings.IMAGE_MAX_MB = 1
    picture = quality.photo_upload()
    picture.file.write(b"\0" * (2 * 1024 * 1024 + 10))
    picture.file.seek(0)
    response = api.post(url, {"score": score, "photo": picture}, format="multipart")
    assert error_of(response, 413)["code"] == "request_too_large"


def test_multipart_fields_over_djangos_limit_are_a_413(cast, settings):
    api, url, _score = inspectors_draft(cast)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post(url, {"score": "1" * 2000}, format="multipart")
    assert error_of(response, 413)["code"] == "request_too_large"


@pytest.mark.parametrize(
    "body",
    ['{"name": ', "{'name': 'x'}", '{"name": NaN}', "\xff\xfe{", "[1, 2,]", ""],
    ids=["cut-off", "single-quotes", "nan", "not-utf-8", "trailing-comma", "empty"],
)
def test_malformed_json_is_a_400_parse_error(cast, body):
    api = token_client(cast.staff.account_manager)
    raw = body.encode("latin-1")
    response = api.generic("POST", "/api/v1/sites/", raw or b" ", content_type="application/json")
    assert error_of(response, 400)["code"] == "parse_error"
    assert (
        not Site.objects.filter(client=cast.client_a)
        .exclude(pk__in=[cast.site_a1.pk, cast.site_a2.pk])
        .exists()
    )


def test_the_parse_error_says_where_in_the_callers_language(cast):
    api = token_client(cast.staff.account_manager, language="en")
    error = error_of(
        api.generic("POST", "/api/v1/sites/", b'{\n "a": }', content_type="application/json"), 400
    )
    assert "line 2" in error["message"]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 100_000])
@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deeply_nested_json_is_a_400_not_a_crash(cast, depth, opener):
    api = token_client(cast.staff.account_manager)
    closer = "]" if opener == "[" else "}"
    body = (opener * depth + "1" + closer * depth).encode()
    # With an Idempotency-Key the body is read before the view runs, too.
    for headers in ({}, {"HTTP_IDEMPOTENCY_KEY": "deep-1"}):
        response = api.generic(
            "POST", "/api/v1/sites/", body, content_type="application/json", **headers
        )
        error = error_of(response, 400)
        assert error["code"] == "parse_error"
        assert str(MAX_DEPTH) in error["message"]


def test_json_nested_up_to_the_limit_is_read(cast):
    api = token_client(cast.staff.account_manager)
    nested = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    body = f'{{"client": {cast.client_a.pk}, "name": {nested}}}'.encode()
    response = api.generic("POST", "/api/v1/sites/", body, content_type="application/json")
    error = error_of(response, 400)
    assert error["code"] == "validation_error"
    assert "name" in error["fields"]


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ],
)
def test_a_body_of_another_type_is_a_415(cast, content_type):
    api = token_client(cast.staff.account_manager)
    response = api.generic("POST", "/api/v1/sites/", b"name=x", content_type=content_type)
    assert error_of(response, 415)["code"] == "unsupported_media_type"


def test_too_many_query_parameters_are_a_400(cast, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = "&".join(f"x{n}=1" for n in range(20))
    response = token_client(cast.admin_a.user).get(f"/api/v1/sites/?{query}")
    assert error_of(response, 400)["code"] == "parse_error"


def test_a_request_for_another_host_is_a_json_400(cast):
    response = token_client(cast.admin_a.user).get("/api/v1/sites/", HTTP_HOST="evil.example")
    assert error_of(response, 400)["code"] == "parse_error"


@override_settings(ROOT_URLCONF="api.tests.failing_urls")
@pytest.mark.parametrize("url", ["/api/v1/failing/", "/api/v1/failing-plain/"])
def test_a_server_error_is_json_logged_and_leaks_nothing(cast, caplog, url):
    from api.tests.failing_urls import SECRET

    api = APIClient()
    api.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = api.get(url)
    error = error_of(response, 500)
    assert error["code"] == "server_error"
    assert SECRET not in response.content.decode()
    assert any(SECRET in str(record.exc_info[1]) for record in caplog.records if record.exc_info)


@override_settings(ROOT_URLCONF="api.tests.failing_urls")
def test_a_server_error_outside_the_api_is_still_the_html_page(cast):
    api = APIClient()
    api.raise_request_exception = False
    response = api.get("/desk/failing/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
