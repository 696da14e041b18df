"""Webhook secrets move from plain text to Fernet tokens keyed with WEBHOOK_SECRET_KEY.

The columns first become plain text wide enough for a token, the existing
secrets are encrypted in place, then the fields become encrypted fields
(no schema change). Backwards, the tokens are decrypted again.
"""

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import migrations, models

import webhooks.encryption

FIELDS = ("secret", "previous_secret")


def _fernet() -> MultiFernet:
    # Written out here, not imported, so later changes to the app cannot alter it.
    return MultiFernet([Fernet(key) for key in settings.WEBHOOK_SECRET_KEYS])


def _convert(apps, change) -> None:
    Subscription = apps.get_model("webhooks", "Subscription")
    for subscription in Subscription.objects.only("pk", *FIELDS).iterator(chunk_size=500):
        for field in FIELDS:
            value = getattr(subscription, field)
            setattr(subscription, field, change(value) if value else "")
        subscription.save(update_fields=FIELDS)


def encrypt_secrets(apps, schema_editor) -> None:
    fernet = _fernet()
    _convert(apps, lambda plain: fernet.encrypt(plain.encode()).decode())


def decrypt_secrets(apps, schema_editor) -> None:
    fernet = _fernet()
    _convert(apps, lambda token: fernet.decrypt(token.encode()).decode())


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="subscription",
            name="secret",
            field=models.TextField(),
        ),
        migrations.AlterField(
            model_name="subscription",
            name="previous_secret",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(encrypt_secrets, decrypt_secrets),
        migrations.AlterField(
            model_name="subscription",
            name="secret",
            field=webhooks.encryption.EncryptedSecretField(),
        ),
        migrations.AlterField(
            model_name="subscription",
            name="previous_secret",
            field=webhooks.encryption.EncryptedSecretField(blank=True),
        ),
    ]
