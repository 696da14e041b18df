import ipaddress

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accounts.access import account_in_use

# Set on the request when the password was right but the account is out of
# use, so the login form can say so (and only to whoever knows the password).
OUT_OF_USE = "clientdesk_account_out_of_use"


class EmailBackend(ModelBackend):
    """Log in by e-mail address, in any letter case (see UserManager.get_by_natural_key).

    Only accounts in use log in or keep their sessions (``accounts.access.account_in_use``):
    a person deactivated, or whose client was, is logged out at their next request.
    """

    def user_can_authenticate(self, user):
        return account_in_use(user)

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            # Hash anyway, so an unknown address takes as long as a known one.
            User().set_password(password)
            return None
        if not user.check_password(password):
            return None
        if not self.user_can_authenticate(user):
            if request is not None:
                setattr(request, OUT_OF_USE, True)
            return None
        return user

    def get_user(self, user_id):
        # The membership and its client come in the same query: the rule is
        # checked on every request without another one.
        user = (
            get_user_model()
            ._default_manager.select_related("membership__client")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)


def axes_username(request, credentials):
    """Count failed logins per account, whatever case the address was typed in.

    Django passes the address as ``email`` (our USERNAME_FIELD) to the
    backends, while the login form posts it as ``username``; look at both.
    """
    credentials = credentials or {}
    value = (
        credentials.get("email")
        or credentials.get("username")
        or request.POST.get("username")
        or ""
    )
    return value.strip().lower()


def client_address(request) -> str:
    """The address a login attempt came from, for the lock-out (AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXIES reverse proxies, each appends the address it was
    reached from to X-Forwarded-For, so the client's is that many entries
    from the right; entries further left are whatever the client sent and
    are never trusted. Without proxies, or if the header is short or
    malformed, the connection's own address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXIES
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
