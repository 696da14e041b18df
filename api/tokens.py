"""Issuing, checking and revoking personal API tokens."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from common.errors import ServiceError

PREFIX = "cd_"
# last_used_at is written at most this often, not on every request.
USE_RESOLUTION = timedelta(minutes=1)
MAX_TOKENS = 20


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(user, *, name: str, scope: str) -> tuple[ApiToken, str]:
    """Issue a token for ``user``; returns it with the full token text, shown only now."""
    name = name.strip()
    if not name:
        raise ServiceError(
            _("Give the token a name, e.g. the system that will use it."), field="name"
        )
    if scope not in ApiToken.Scope.values:
        raise ServiceError(_("Choose read only or read and write."), field="scope")
    if user.api_tokens.filter(revoked_at__isnull=True).count() >= MAX_TOKENS:
        raise ServiceError(
            _("You have %(count)d active tokens; revoke one you no longer use first.")
            % {"count": MAX_TOKENS}
        )
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, scope=scope, prefix=prefix, digest=_digest(secret)
    )
    return token, f"{PREFIX}{prefix}_{secret}"


def revoke_token(token: ApiToken) -> None:
    """The token stops working at once; its row stays, so the profile shows when."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def authenticate(text: str) -> ApiToken | None:
    """The active token ``text`` names, or None; an inactive owner's tokens do not work."""
    if not text.startswith(PREFIX) or text.count("_") < 2:
        return None
    prefix, _sep, secret = text[len(PREFIX) :].partition("_")
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_of(user):
    return ApiToken.objects.filter(user=user)
