"""Phone numbers are real, stored in international format, and the SMS channel dials them."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from api.tests.helpers import token_client
from clients.models import Client
from clients.tests.forms import client_form
from common.tests.test_bounds import OUR_APPS
from common.validators import normalise_phone
from notifications import sms


def test_a_number_typed_in_the_desk_is_stored_in_international_format(client, cast):
    client.force_login(cast.staff.account_manager)
    response = client.post(
        reverse("clients:client_edit", args=[cast.client_a.pk]),
        client_form(cast.client_a, phone="5123 4567", phone_secondary="+7 (812) 600 10 02"),
    )
    assert response.status_code == 302
    cast.client_a.refresh_from_db()
    assert cast.client_a.phone == "+372 5123 4567"
    assert cast.client_a.phone_secondary == "+7 812 600-10-02"
    assert sms.normalise(cast.client_a.phone) == "+37251234567"


@pytest.mark.parametrize(
    "bad",
    [
        "+372 600 001",
        "call me",
        "+999 1234 5678",
        "1" * 41,
        # 38 characters as typed, 41 once formatted: too long for its column.
        "+1 6502530000 ext 12345678901234567890",
    ],
)
def test_a_number_that_cannot_be_dialled_is_refused_in_the_desk(client, cast, bad):
    client.force_login(cast.staff.account_manager)
    response = client.post(
        reverse("clients:client_edit", args=[cast.client_a.pk]),
        client_form(cast.client_a, phone=bad),
    )
    assert response.status_code == 200
    assert (
        "Enter a phone number that can be dialled, e.g. +372 5123 4567." in response.text
        or "Ensure this value has at most 40 characters" in response.text
    )
    cast.client_a.refresh_from_db()
    assert cast.client_a.phone == ""


def test_a_number_sent_over_the_api_is_checked_and_stored_in_international_format(cast):
    api = token_client(cast.admin_a.user)
    body = {"full_name": "Kaja Kask", "email": "kaja@measika.example", "role": "client_admin"}
    refused = api.post("/api/v1/client-users/", body | {"phone": "555"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "phone": ["Enter a phone number that can be dialled, e.g. +372 5123 4567."]
    }
    created = api.post("/api/v1/client-users/", body | {"phone": "5600 1111"}, format="json")
    assert created.status_code == 201
    assert created.json()["phone"] == "+372 5600 1111"
    assert User.objects.get(email="kaja@measika.example").phone == "+372 5600 1111"

    me = token_client(cast.staff.account_manager)
    changed = me.patch(
        f"/api/v1/clients/{cast.client_a.pk}/", {"phone": "6400100", "version": 1}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["phone"] == "+372 640 0100"


def test_the_profile_keeps_a_number_in_international_format(client, cast):
    user = cast.contact_a.user
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": user.full_name,
            "phone": "00372 5345 6789",
            "language": "en",
            "loaded_version": user.version,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone == "+372 5345 6789"


def test_numbers_without_a_country_code_belong_to_the_configured_region(settings):
    assert normalise_phone("5123 4567") == "+372 5123 4567"
    settings.PHONE_DEFAULT_REGION = "RU"
    assert normalise_phone("812 600 1002") == "+7 812 600-10-02"
    assert normalise_phone("+372 5123 4567") == "+372 5123 4567"


def test_the_demo_data_passes_every_check(db):
    call_command("seed_demo", stdout=StringIO())
    for record in [*User.objects.all(), *Client.objects.all()]:
        assert record.phone == (normalise_phone(record.phone) if record.phone else "")
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or hasattr(model, "instance_type"):
            continue
        for record in model.objects.all()[:500]:
            record.full_clean(exclude=["password"], validate_unique=False)
