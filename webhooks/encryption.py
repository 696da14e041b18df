"""Webhook secrets are kept encrypted at rest, with keys from the environment.

The database holds only Fernet tokens (AES-128-CBC with an HMAC-SHA256,
from ``cryptography``), keyed with WEBHOOK_SECRET_KEY: a copy of the database
alone does not let anyone sign calls as Clientdesk. Several keys rotate the
key: the first encrypts, every one of them decrypts (MultiFernet).
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class WrongSecretKey(ImproperlyConfigured):
    """A stored secret does not open with any WEBHOOK_SECRET_KEY."""


def _fernet() -> MultiFernet:
    # Built per use (it is cheap), so a changed setting takes effect at once.
    return MultiFernet([Fernet(key) for key in settings.WEBHOOK_SECRET_KEYS])


def encrypt(plain: str) -> str:
    """The token stored for ``plain``; an empty value (no secret) stays empty."""
    if not plain:
        return ""
    return _fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    """The secret in ``token``; refuses loudly when no configured key opens it."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # Never fall back to the token or an empty secret: calls would go out
        # with signatures nobody can check, and nobody would know why.
        raise WrongSecretKey(
            "A webhook secret cannot be decrypted with WEBHOOK_SECRET_KEY. Was the key "
            "changed? Put the key that encrypted it back (after the new one, separated "
            "by a comma)."
        ) from None


class EncryptedSecretField(models.TextField):
    """A text column that holds the secret encrypted; Python sees the plain secret.

    Lookups on it do not work (each encryption differs): secrets are only
    ever read through the row they belong to.
    """

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else encrypt(value)
