"""Every text has a limit, stated alike in the model, the forms and the API schema.

Too long a text, or one with control characters, gets a clear message in the
reader's language on every face (desk, portal, API) and nothing is stored.
"""

import pytest
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from api.tests.helpers import token_client
from clients.tests.forms import client_form
from common import limits
from quality.models import Rating, Score
from quality.services import inspections
from quality.tests import helpers

OUR_APPS = {
    "accounts",
    "api",
    "clients",
    "common",
    "deadlines",
    "notifications",
    "quality",
    "webhooks",
}
# Never typed: made by the server (a random secret) and stored encrypted.
SERVER_MADE = {"webhooks.Subscription.secret", "webhooks.Subscription.previous_secret"}
# Formats a string property may have that bound it by themselves.
SELF_BOUNDED = {"binary", "date", "date-time", "time", "uuid"}


def _is_file_name(model, f) -> bool:
    # History keeps a file field's name as text; the file field itself is bounded.
    original = getattr(model, "instance_type", None)
    if original is None or f.name.startswith("history_"):
        return False
    return isinstance(original._meta.get_field(f.name), models.FileField)


def _text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for f in model._meta.get_fields():
            if not isinstance(f, models.CharField | models.TextField):
                continue
            if f"{model._meta.label}.{f.name}" in SERVER_MADE or _is_file_name(model, f):
                continue
            yield model, f


def test_every_text_field_of_every_model_has_a_limit_the_model_checks():
    # A TextField's max_length alone reaches forms and the API but not full_clean:
    # the validator must be there too (CharFields add it themselves).
    fields = list(_text_fields())
    assert len(fields) > 50  # the walk really found our models, historical ones included
    unbounded = [
        f"{model._meta.label}.{f.name}"
        for model, f in fields
        if not f.max_length
        or not any(
            isinstance(v, MaxLengthValidator) and v.limit_value == f.max_length
            for v in f.validators
        )
    ]
    assert unbounded == []


def _request_components(schema) -> dict:
    """Every component a request body uses, followed through references."""
    components, found = schema["components"]["schemas"], {}

    def follow(node):
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            name = ref.rsplit("/", 1)[-1]
            if ref and name not in found:
                found[name] = components[name]
                follow(components[name])
            for value in node.values():
                follow(value)
        elif isinstance(node, list):
            for value in node:
                follow(value)

    for operations in schema["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                follow(operation["requestBody"])
    return found


def _unbounded_strings(node, path):
    if not isinstance(node, dict):
        return
    if (
        node.get("type") == "string"
        and not node.get("readOnly")
        and "enum" not in node
        and node.get("format") not in SELF_BOUNDED
        and "maxLength" not in node
    ):
        yield path
    for name, child in node.get("properties", {}).items():
        yield from _unbounded_strings(child, f"{path}.{name}")
    yield from _unbounded_strings(node.get("items"), f"{path}[]")
    yield from _unbounded_strings(node.get("additionalProperties"), f"{path}{{}}")
    for key in ("allOf", "oneOf", "anyOf"):
        for child in node.get(key, []):
            yield from _unbounded_strings(child, path)


def test_every_string_an_api_request_sends_has_a_max_length_in_the_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = _request_components(schema)
    assert "AnswersRequest" in components and "PatchedClientWriteRequest" in components
    unbounded = [p for name, c in components.items() for p in _unbounded_strings(c, name)]
    assert unbounded == []
    client = components["PatchedClientWriteRequest"]["properties"]
    assert client["internal_notes"]["maxLength"] == limits.NOTE
    assert client["phone"]["maxLength"] == limits.PHONE
    assert components["AnswerRequest"]["properties"]["remark"]["maxLength"] == limits.REMARK
    assert components["RateRequest"]["properties"]["comment"]["maxLength"] == limits.COMMENT


def test_too_long_notes_in_the_desk_are_refused_in_the_readers_language(client, cast):
    manager = cast.staff.account_manager
    manager.language = "et"
    manager.save()
    client.force_login(manager)
    response = client.post(
        reverse("clients:client_edit", args=[cast.client_a.pk]),
        client_form(cast.client_a, internal_notes="x" * (limits.NOTE + 1)),
    )
    assert response.status_code == 200
    assert "Väärtuses võib olla kõige rohkem 10000 tähemärki (praegu on 10001)." in response.text
    # The browser is told too, before anything is sent.
    assert f'maxlength="{limits.NOTE}"' in response.text
    cast.client_a.refresh_from_db()
    assert cast.client_a.internal_notes == "Secret margin notes for A"
    assert cast.client_a.version == 1


def _rating_form(areas, remark):
    data = {"comment": ""}
    for area in areas:
        data[f"score_{area.pk}"] = "2"
        data[f"remark_{area.pk}"] = remark
    return data


def test_too_long_a_remark_in_the_portal_is_refused_and_nothing_is_saved(client, cast):
    areas = list(helpers.default_template().areas.all())
    user = cast.admin_a.user
    user.language = "ru"
    user.save()
    client.force_login(user)
    response = client.post(
        reverse("portal_quality:rate", args=[cast.site_a1.pk]),
        _rating_form(areas, "Нет мыла. " * 10_000),
    )
    assert response.status_code == 200
    assert "Убедитесь, что это значение содержит не более 2000 символов" in response.text
    assert not Rating.objects.exists()


def test_too_long_a_remark_over_the_api_is_a_validation_error_and_nothing_is_stored(cast):
    helpers.default_template()
    api = token_client(cast.staff.inspector, language="en")
    started = api.post("/api/v1/inspections/", {"site": cast.site_a1.pk}, format="json")
    score_id = started.json()["scores"][0]["id"]
    response = api.post(
        f"/api/v1/inspections/{started.json()['id']}/answers/",
        {"answers": [{"score": score_id, "value": "1", "remark": "x" * 100_000}]},
        format="json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"] == {
        "answers.0.remark": ["Ensure this field has no more than 2000 characters."]
    }
    score = Score.objects.get(pk=score_id)
    assert (score.score, score.remark) == (None, "")


def test_too_long_notes_over_the_api_are_refused_and_nothing_is_stored(cast):
    api = token_client(cast.staff.account_manager)
    response = api.patch(
        f"/api/v1/clients/{cast.client_a.pk}/",
        {"internal_notes": "x" * (limits.NOTE + 1), "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["internal_notes"]
    cast.client_a.refresh_from_db()
    assert cast.client_a.internal_notes == "Secret margin notes for A"


def test_the_inspection_form_refuses_too_long_a_remark_without_a_form_class(client, cast):
    # The fill page saves each answer as it is given, straight through the service.
    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    score = draft.scores.first()
    client.force_login(cast.staff.inspector)
    page = client.get(reverse("quality:inspection_fill", args=[draft.pk])).text
    assert f'maxlength="{limits.REMARK}"' in page and f'maxlength="{limits.COMMENT}"' in page
    response = client.post(
        reverse("quality:score_save", args=[score.pk]),
        {"value": "1", "remark": "x" * (limits.REMARK + 1)},
        headers={"HX-Request": "true"},
    )
    assert "Ensure this value has at most 2000 characters (it has 2001)." in response.text
    response = client.post(
        reverse("quality:inspection_remarks", args=[draft.pk]),
        {"remarks": "x" * (limits.COMMENT + 1)},
        headers={"HX-Request": "true"},
    )
    assert "Ensure this value has at most 4000 characters (it has 4001)." in response.text
    score.refresh_from_db()
    draft.refresh_from_db()
    assert (score.score, score.remark, draft.remarks) == (None, "", "")


@pytest.mark.parametrize("bad", ["Mammu\nKadaka", "Mammu\x00", "Mam\x1bmu", "Mam\u2028mu"])
def test_names_with_control_characters_are_refused_in_the_desk(client, cast, bad):
    client.force_login(cast.staff.account_manager)
    response = client.post(
        reverse("clients:client_edit", args=[cast.client_a.pk]),
        client_form(cast.client_a, name=bad, address=bad),
    )
    assert response.status_code == 200
    assert (
        response.text.count("Use one line of ordinary characters")
        + response.text.count("Null characters are not allowed.")
        == 2
    )
    cast.client_a.refresh_from_db()
    assert cast.client_a.name == "Measika kaubanduse OÜ"


def test_a_name_with_control_characters_is_refused_over_the_api(cast):
    api = token_client(cast.admin_a.user)
    response = api.post(
        "/api/v1/client-users/",
        {
            "full_name": "Kaja\x1b[31m Kask",
            "email": "kaja@measika.example",
            "role": "client_admin",
            "phone": "+372 5123\t4567",
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"full_name", "phone"}
    assert not cast.client_a.memberships.filter(user__email="kaja@measika.example").exists()


def test_multi_line_text_keeps_line_breaks_and_tabs_but_not_other_control_characters(cast):
    from common.errors import ServiceError

    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    draft = inspections.set_remarks(draft, by=cast.staff.inspector, remarks="One\n\tTwo\r\nEnd")
    assert draft.remarks == "One\n\tTwo\r\nEnd"
    with pytest.raises(ServiceError) as refused:
        inspections.set_remarks(draft, by=cast.staff.inspector, remarks="Bell\x07")
    assert refused.value.field == "remarks"
