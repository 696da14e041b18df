"""The secret keys Clientdesk signs and encrypts with: from the environment, or
made once and kept under var/ in the embedded mode (so sessions and stored
webhook secrets survive a restart). Production refuses to start without them.
"""

import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from clientdesk.env import env_list, env_str

# A fixed key for tests only: 32 bytes, url-safe base64, as Fernet wants.
TEST_WEBHOOK_SECRET_KEY = "Y2xpZW50ZGVzay10ZXN0cy13ZWJob29rLXNlY3JldCE="


def _kept(path: Path, make: Callable[[], str]) -> str:
    """The key in ``path``, made with ``make`` the first time (readable by the owner only)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def secret_key(*, production: bool, var_dir: Path) -> str:
    """Django's SECRET_KEY: at least 50 random characters in production."""
    key = env_str("SECRET_KEY")
    if key:
        if production and (len(key) < 50 or len(set(key)) < 5):
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters.")
        return key
    if production:
        raise ImproperlyConfigured("CLIENTDESK_ENV=production needs SECRET_KEY.")
    return _kept(var_dir / "secret_key", lambda: secrets.token_urlsafe(64))


def webhook_secret_keys(*, production: bool, testing: bool, var_dir: Path) -> list[str]:
    """Fernet keys that encrypt webhook secrets at rest: the first encrypts, each decrypts.

    Several keys, comma-separated, rotate the key: put the new one first, run
    ``manage.py reencrypt_webhook_secrets``, then drop the old one.
    """
    keys = env_list("WEBHOOK_SECRET_KEY", [])
    if not keys and production:
        raise ImproperlyConfigured(
            "CLIENTDESK_ENV=production needs WEBHOOK_SECRET_KEY (make one with: python -c "
            '"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())").'
        )
    if not keys and testing:
        keys = [TEST_WEBHOOK_SECRET_KEY]
    if not keys:
        # Lost with var/, the stored secrets could not be read again.
        keys = [_kept(var_dir / "webhook_secret_key", lambda: Fernet.generate_key().decode())]
    for key in keys:
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                "WEBHOOK_SECRET_KEY must be one or more comma-separated Fernet keys "
                "(32 bytes in url-safe base64, 44 characters)."
            ) from None
    return keys
