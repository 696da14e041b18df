"""Webhook secrets are encrypted at rest; the subscriber still sees and uses the plain one."""

import json
import logging
import time

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from accounts.tests.factories import UserFactory
from api.tests.helpers import token_client
from webhooks import encryption, sending, services, signing
from webhooks.models import Call, Subscription


def stored(subscription) -> tuple[str, str]:
    """The two secret columns exactly as the database holds them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT secret, previous_secret FROM webhooks_subscription WHERE id = %s",
            [subscription.pk],
        )
        return cursor.fetchone()


def test_the_database_holds_no_plain_secret_and_the_receiver_still_verifies(
    cast, settings, receiver, django_capture_on_commit_callbacks
):
    api = token_client(cast.admin_a.user)
    created = api.post(
        "/api/v1/webhooks/", {"url": receiver.url, "events": ["site.team_changed"]}, format="json"
    ).json()
    secret = created["secret"]
    assert len(secret) == 64
    subscription = Subscription.objects.get(pk=created["id"])
    column, _previous = stored(subscription)
    assert secret not in column
    assert Fernet(settings.WEBHOOK_SECRET_KEYS[0]).decrypt(column.encode()).decode() == secret

    with django_capture_on_commit_callbacks(execute=True):
        api.post(f"/api/v1/webhooks/{subscription.pk}/ping/")
    [call] = receiver.calls
    header = call["headers"]["Clientdesk-Signature"]
    assert signing.verify(secret, header, call["body"], int(time.time()))
    assert json.loads(call["body"])["type"] == "ping"


def test_after_a_rotation_neither_secret_is_stored_in_the_clear(client, cast):
    subscription = services.subscribe(
        cast.staff.admin, url="https://erp.example/hooks", events=["site.team_changed"]
    )
    old = subscription.secret
    client.force_login(cast.staff.admin)
    client.post(reverse("webhooks:rotate", args=[subscription.pk]))
    subscription.refresh_from_db()
    new = subscription.secret
    assert new != old and subscription.previous_secret == old
    columns = " ".join(stored(subscription))
    assert old not in columns and new not in columns
    # The page shows the subscriber the secret that signs.
    page = client.get(reverse("webhooks:detail", args=[subscription.pk]))
    assert f'value="{new}"' in page.text


def test_a_wrong_key_stops_the_call_loudly_and_sends_nothing(
    cast, settings, receiver, caplog, django_capture_on_commit_callbacks
):
    subscription = services.subscribe(
        cast.staff.admin, url=receiver.url, events=["site.team_changed"]
    )
    with django_capture_on_commit_callbacks(execute=False):
        services.ping(subscription)
    settings.WEBHOOK_SECRET_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(encryption.WrongSecretKey, match="WEBHOOK_SECRET_KEY"):
        Subscription.objects.get(pk=subscription.pk)
    call = Call.objects.get()
    with caplog.at_level(logging.ERROR, logger="webhooks.services"):
        sending.send_call(call.pk)

    assert receiver.calls == []
    call.refresh_from_db()
    assert call.status == Call.Status.PENDING
    assert "cannot be decrypted with WEBHOOK_SECRET_KEY" in call.last_error
    assert "cannot be decrypted" in caplog.text


def test_the_key_can_be_rotated(cast, settings):
    subscription = services.subscribe(
        cast.staff.admin, url="https://erp.example/hooks", events=["site.team_changed"]
    )
    secret, old_key, new_key = subscription.secret, settings.WEBHOOK_SECRET_KEYS[0], None
    new_key = Fernet.generate_key().decode()
    settings.WEBHOOK_SECRET_KEYS = [new_key, old_key]
    assert Subscription.objects.get().secret == secret  # still read with the old key
    call_command("reencrypt_webhook_secrets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.WEBHOOK_SECRET_KEYS = [new_key]
    assert Subscription.objects.get().secret == secret
    settings.WEBHOOK_SECRET_KEYS = [old_key]
    with pytest.raises(CommandError, match="cannot be decrypted"):
        call_command("reencrypt_webhook_secrets")


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_existing_secrets_and_can_be_reversed(settings):
    owner = UserFactory()
    before, encrypting = ("webhooks", "0001_initial"), ("webhooks", "0002_encrypt_secrets")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([before])
    try:
        executor.loader.build_graph()
        old_state = executor.loader.project_state(before).apps
        OldSubscription = old_state.get_model("webhooks", "Subscription")
        row = OldSubscription.objects.create(
            owner_id=owner.pk,
            url="https://erp.example/hooks",
            events=["site.team_changed"],
            secret="a" * 64,
            previous_secret="b" * 64,
        )
        blank = OldSubscription.objects.create(
            owner_id=owner.pk, url="https://erp.example/2", events=[], secret="c" * 64
        )

        executor = MigrationExecutor(connection)
        executor.migrate([encrypting])
        secret, previous = stored(row)
        assert "a" * 64 not in secret and "b" * 64 not in previous
        assert encryption.decrypt(secret) == "a" * 64
        assert encryption.decrypt(previous) == "b" * 64
        assert stored(blank)[1] == ""

        executor = MigrationExecutor(connection)
        executor.migrate([before])
        assert stored(row) == ("a" * 64, "b" * 64)
        assert stored(blank) == ("c" * 64, "")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)


def _check(tmp_path, **env):
    import os
    import subprocess
    import sys
    from pathlib import Path

    full_env = {k: v for k, v in os.environ.items() if k not in ("CLIENTDESK_ENV", "DATABASE_URL")}
    full_env.update(CLIENTDESK_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_embedded_mode_makes_a_key_once_and_a_bad_key_is_named(tmp_path):
    assert _check(tmp_path).returncode == 0
    key_file = tmp_path / "webhook_secret_key"
    key = key_file.read_text()
    Fernet(key)  # a usable key
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert _check(tmp_path).returncode == 0
    assert key_file.read_text() == key  # kept, or stored secrets would be lost

    bad = _check(tmp_path, WEBHOOK_SECRET_KEY=f"{key},not-a-key")
    assert bad.returncode != 0
    assert "WEBHOOK_SECRET_KEY must be one or more comma-separated Fernet keys" in bad.stderr


def test_a_secret_no_key_opens_does_not_stop_the_action_that_caused_the_event(
    cast, settings, receiver, django_capture_on_commit_callbacks
):
    from clients import services as clients

    services.subscribe(cast.staff.admin, url=receiver.url, events=["site.team_changed"])
    settings.WEBHOOK_SECRET_KEYS = [Fernet.generate_key().decode()]

    site = cast.site_a1
    with django_capture_on_commit_callbacks(execute=True):
        clients.update_site(
            site,
            {"service_director": cast.staff.idle_director},
            by=cast.staff.admin,
            expected_version=site.version,
        )
    site.refresh_from_db()
    assert site.service_director == cast.staff.idle_director
    call = Call.objects.get()
    assert receiver.calls == []
    assert "cannot be decrypted with WEBHOOK_SECRET_KEY" in call.last_error
