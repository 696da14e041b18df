from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Log in by e-mail address, in any letter case (see UserManager.get_by_natural_key)."""


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
