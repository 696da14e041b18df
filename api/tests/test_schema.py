"""The schema documents every status an operation answers, each error in one shape."""

import pytest
from drf_spectacular.generators import SchemaGenerator

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
]
ERROR_REF = "#/components/schemas/Error"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=lambda v: str(v)[:50])
def test_every_operation_documents_the_errors_it_can_give(method, path, operation):
    expected = {"401", "403", "429"}
    if "{" in path:
        expected.add("404")
    if method in ("POST", "PUT", "PATCH"):
        expected |= {"400", "409", "413", "415"}
    if method == "GET" and any(p["in"] == "query" for p in operation.get("parameters", [])):
        expected.add("400")
    responses = operation["responses"]
    assert expected <= set(responses), (method, path)
    for code in set(responses) - {"200", "201", "202", "204"}:
        schema = responses[code]["content"]["application/json"]["schema"]
        assert schema == {"$ref": ERROR_REF}, (method, path, code)


def test_the_error_component_has_the_shape_of_every_error():
    error = SCHEMA["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    detail_ref = error["properties"]["error"]["$ref"].rsplit("/", 1)[-1]
    detail = SCHEMA["components"]["schemas"][detail_ref]
    assert set(detail["required"]) == {"code", "message"}
    assert set(detail["properties"]) == {"code", "message", "fields"}


def test_page_size_documents_its_bounds():
    parameters = SCHEMA["paths"]["/api/v1/sites/"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}
