"""Every query parameter of every list is checked: a bad value is a 400 naming it,
never quietly ignored; every documented good value is taken."""

import base64

import pytest
from drf_spectacular.generators import SchemaGenerator

from api.tests.helpers import list_routes, token_client

BAD_VALUES = {
    "boolean": ["maybe", "yes", "2"],
    "integer": ["abc", "0", "-1", "1.5", "99999999999999999999999"],
    "number": ["abc", "NaN", "Infinity", "1e999"],
    "date": ["yesterday", "2026-13-01"],
}
GOOD_VALUES = {"boolean": "true", "integer": "1", "number": "50", "date": "2026-01-31"}


def documented_parameters():
    """(list URL, parameter schema) for every query parameter the schema documents."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None or "{" in path:
            continue
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query":
                yield path, parameter["name"], parameter["schema"]


def kind(schema) -> str:
    if "enum" in schema:
        return "enum"
    if schema.get("format") == "date":
        return "date"
    return schema.get("type", "string")


PARAMETERS = list(documented_parameters())
# The cursor comes from a next or previous link, never typed: it has its own tests below.
TYPED = [parameter for parameter in PARAMETERS if parameter[1] != "cursor"]


def test_every_list_of_the_router_documents_its_parameters():
    documented = {path for path, _name, _schema in PARAMETERS}
    assert set(list_routes()) <= documented
    assert ("/api/v1/sites/", "page_size") in {(p, n) for p, n, _s in PARAMETERS}


@pytest.mark.parametrize(("path", "name", "schema"), TYPED, ids=lambda v: str(v)[:40])
def test_a_bad_value_of_a_documented_parameter_is_a_400_naming_it(cast, path, name, schema):
    if kind(schema) == "string":
        # Free text (a search): bounded, and no control characters (a NUL failed in PostgreSQL).
        values = ["a\x00b", "tab\there", "x" * (schema["maxLength"] + 1)]
    else:
        values = BAD_VALUES.get(kind(schema), ["no-such-choice"])
    if "maximum" in schema:
        values = [*values, str(schema["maximum"] + 1)]
    for person in (cast.admin_a.user, cast.staff.admin):
        api = token_client(person)
        for value in values:
            response = api.get(path, {name: value})
            assert response.status_code == 400, (path, name, value, response.content)
            error = response.json()["error"]
            assert error["code"] == "validation_error"
            assert list(error["fields"]) == [name], (path, name, value)


@pytest.mark.parametrize(("path", "name", "schema"), TYPED, ids=lambda v: str(v)[:40])
def test_a_good_value_of_a_documented_parameter_is_taken(cast, path, name, schema):
    value = schema["enum"][-1] if "enum" in schema else GOOD_VALUES.get(kind(schema), "x")
    for person in (cast.admin_a.user, cast.staff.admin):
        response = token_client(person).get(path, {name: value})
        assert response.status_code in (200, 403), (path, name, value, response.content)


@pytest.mark.parametrize("route", list_routes())
@pytest.mark.parametrize("cursor", ["zzz", "!!", "é", base64.b64encode(b"o=-5").decode()])
def test_a_forged_cursor_is_a_400_naming_it(cast, route, cursor):
    response = token_client(cast.staff.admin).get(route, {"cursor": cursor})
    if response.status_code == 403:
        return
    assert response.status_code == 400, response.content
    assert list(response.json()["error"]["fields"]) == ["cursor"]


def test_a_cursor_whose_position_is_not_of_the_ordering_type_is_a_400(cast):
    # Sites are paged by id: a position that is no number once failed in the database.
    cursor = base64.b64encode(b"p=abc").decode()
    response = token_client(cast.staff.admin).get("/api/v1/sites/", {"cursor": cursor})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["cursor"]


@pytest.mark.parametrize("route", list_routes())
def test_an_ordering_the_list_does_not_offer_is_a_400(cast, route):
    for ordering in ("nonsense", "site__name", "-pk,nonsense", "internal_notes"):
        response = token_client(cast.staff.admin).get(route, {"ordering": ordering})
        if response.status_code == 403:
            return
        assert response.status_code == 400, (ordering, response.content)
        assert list(response.json()["error"]["fields"]) == ["ordering"]


def test_page_size_and_ordering_are_followed(cast):
    api = token_client(cast.staff.admin)
    first = api.get("/api/v1/sites/", {"page_size": "1", "ordering": "-name"}).json()
    assert [site["name"] for site in first["results"]] == ["Tower B-One"]
    second = api.get(first["next"]).json()
    assert [site["name"] for site in second["results"]] == ["Mammu"]


def test_an_empty_parameter_means_not_given(cast):
    api = token_client(cast.staff.admin)
    response = api.get("/api/v1/sites/", {"page_size": "", "ordering": "", "status": ""})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3
