"""Issuing, checking and revoking personal API tokens."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
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


# The longest lifetime anyone may choose for a token.
MAX_DAYS = 3650


class Expired(Exception):
    """The token is right but its lifetime is over."""

    def __init__(self, token: ApiToken):
        self.token = token


def lifetime_choices() -> list[int]:
    """The lifetimes, in days, offered when a token is created; the default among them."""
    return sorted({30, 90, 180, 365, settings.API_TOKEN_DAYS})


@transaction.atomic
def create_token(user, *, name: str, scope: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Issue a token for ``user``; returns it with the full token text, shown only now.

    The token works for ``days`` (API_TOKEN_DAYS unless chosen), and only
    while its owner's account is in use.
    """
    name = name.strip()
    if not name:
        raise ServiceError(
            _("Give the token a name, e.g. the system that will use it."), field="name"
        )
    if scope not in ApiToken.Scope.values:
        raise ServiceError(_("Choose read only or read and write."), field="scope")
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise ServiceError(
            _("A token works for 1 to %(max)d days.") % {"max": MAX_DAYS}, field="days"
        )
    working = user.api_tokens.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
    if working.count() >= MAX_TOKENS:
        raise ServiceError(
            _("You have %(count)d active tokens; revoke one you no longer use first.")
            % {"count": MAX_TOKENS}
        )
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=prefix,
        digest=_digest(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, f"{PREFIX}{prefix}_{secret}"


def revoke_token(token: ApiToken) -> None:
    """The token stops working at once; its row stays, so the profile shows when."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def revoke_tokens_of(users) -> int:
    """Revoke every token of ``users`` (a queryset or list) for good; returns how many.

    Called when an account, or a client with all its people, is deactivated:
    reactivating it later does not bring the tokens back.
    """
    return ApiToken.objects.filter(user__in=users, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def authenticate(text: str) -> ApiToken | None:
    """The token ``text`` names, or None if it is unknown, revoked or its owner's
    account is not in use; raises ``Expired`` for a right token past its lifetime."""
    if not text.startswith(PREFIX) or text.count("_") < 2:
        return None
    prefix, _sep, secret = text[len(PREFIX) :].partition("_")
    # Loaded with what the owner's in-use check reads, so it asks no query.
    in_use_related = (f"user__{name}" for name in get_user_model().IN_USE_RELATED)
    token = (
        ApiToken.objects.select_related("user", *in_use_related)
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    if not token.user.is_in_use:
        return None
    now = timezone.now()
    if token.expires_at <= now:
        raise Expired(token)
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_of(user):
    return ApiToken.objects.filter(user=user)
