"""Tokens end: a default lifetime (API_TOKEN_DAYS), chosen and shown at creation."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import formats, timezone
from rest_framework.test import APIClient

from api.models import ApiToken


def days_between(start, end) -> int:
    return round((end - start).total_seconds() / 86400)


def bearer(text):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
    return api


def test_a_new_token_lives_the_default_lifetime_and_says_until_when(client, cast, settings):
    settings.API_TOKEN_DAYS = 90
    client.force_login(cast.admin_a.user)
    form = client.get(reverse("accounts:tokens"))
    assert 'value="90" checked' in form.text or 'value="90" selected' in form.text
    response = client.post(reverse("accounts:tokens"), {"name": "ERP", "scope": "read"})
    token = ApiToken.objects.get()
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    shown = formats.date_format(timezone.localtime(token.expires_at))
    assert f"expires on {shown}" in response.text


def test_the_owner_chooses_another_lifetime(client, cast):
    client.force_login(cast.admin_a.user)
    client.post(reverse("accounts:tokens"), {"name": "ERP", "scope": "read", "days": "30"})
    token = ApiToken.objects.get()
    assert days_between(token.created_at, token.expires_at) == 30
    listing = client.get(reverse("accounts:tokens"))
    assert "Expires" in listing.text


def test_a_lifetime_not_offered_is_refused_and_nothing_is_made(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(
        reverse("accounts:tokens"), {"name": "ERP", "scope": "read", "days": "100000"}
    )
    assert "Select a valid choice" in response.text
    assert not ApiToken.objects.exists()


def test_an_expired_token_answers_401_token_expired(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(reverse("accounts:tokens"), {"name": "ERP", "scope": "read"})
    api = bearer(response.context["text"])
    assert api.get("/api/v1/me/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        expired = api.get("/api/v1/me/")
        client.force_login(cast.admin_a.user)
        listing = client.get(reverse("accounts:tokens"))
    assert expired.status_code == 401
    error = expired.json()["error"]
    assert error["code"] == "token_expired"
    assert "expired on" in error["message"]
    assert "expired" in listing.text


def test_an_expired_token_message_follows_accept_language(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(reverse("accounts:tokens"), {"name": "ERP", "scope": "read"})
    api = bearer(response.context["text"])
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        expired = api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="et")
    assert expired.json()["error"]["code"] == "token_expired"


def test_a_wrong_secret_of_an_expired_token_is_just_unknown(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(reverse("accounts:tokens"), {"name": "ERP", "scope": "read"})
    text = response.context["text"]
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        answer = bearer(text[:-3] + "xyz").get("/api/v1/me/")
    assert answer.json()["error"]["code"] == "authentication_failed"


def test_the_command_issues_a_token_with_a_chosen_lifetime(cast):
    out, err = StringIO(), StringIO()
    call_command("issue_api_token", cast.admin_a.user.email, "--days", "7", stdout=out, stderr=err)
    token = ApiToken.objects.get()
    assert days_between(token.created_at, token.expires_at) == 7
    assert out.getvalue().strip().startswith("cd_")
    assert "expires on" in err.getvalue()
    assert bearer(out.getvalue().strip()).get("/api/v1/me/").status_code == 200


def test_the_command_refuses_a_bad_lifetime_and_a_deactivated_clients_user(cast):
    with pytest.raises(CommandError, match="1 to 3650 days"):
        call_command("issue_api_token", cast.admin_a.user.email, "--days", "0")
    cast.client_a.is_active = False
    cast.client_a.save()
    with pytest.raises(CommandError, match="No active user"):
        call_command("issue_api_token", cast.admin_a.user.email)
    assert not ApiToken.objects.exists()
