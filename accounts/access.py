"""Whose accounts work at all, who may act, and who reads what is for staff only.

The ground floor of every access decision: ``is_usable`` is the one test of
"may this person act at all" that every ``access.py`` starts from, and
``sees_internal`` the one test of "may this person read staff-only fields and
entries". Both fail closed: None, the anonymous user and a deactivated
account get False.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from api.models import ApiToken


def accounts_in_use() -> QuerySet[User]:
    """The accounts that may log in, call the API and receive messages.

    An account is in use while it is active and, for a client's person, while
    their client is active. Login, sessions, API tokens and every
    notification channel ask this rule (``account_in_use`` for one user).
    The rule itself is ``User.objects.in_use()``, where the API, which sits
    below this app, reaches it too.
    """
    return User.objects.in_use()


def account_in_use(user) -> bool:
    """``accounts_in_use`` for one loaded user, without a query when the
    membership and its client were loaded with it (``select_related``)."""
    # None and the anonymous user have no account, so none in use.
    return bool(getattr(user, "is_in_use", False))


def is_usable(user) -> bool:
    """Whether ``user`` may act at all: a logged-in person whose account is active.

    None, the anonymous user and a deactivated account are not usable, and
    every access function answers them with nothing (no records, False,
    None or 404). Whether a client's person's client is still served is
    checked once, where they log in or call the API (``account_in_use``).
    """
    return bool(user is not None and user.is_authenticated and user.is_active)


def sees_internal(user) -> bool:
    """Whether ``user`` may read what is for the provider's staff only.

    The one place that decides who reads staff-only fields (the internal
    notes of clients and sites, nulled by ``accounts.api.StaffOnlyFieldsMixin``)
    and staff-only entries (draft inspections; deactivated staff on contact
    cards): usable provider staff do, nobody else. A client's people, the
    anonymous, None and a deactivated account get False, so a serializer or
    page that does not know its reader shows none. A record with internal
    entries (the requests desk's internal notes) keeps them only when this is
    true: ``entries if sees_internal(user) else entries.filter(internal=False)``.
    """
    return is_usable(user) and user.role in STAFF_ROLES


def can_manage_staff(user) -> bool:
    """Whether ``user`` lists, invites and changes provider staff accounts:
    a usable administrator; nobody else, and nobody who is not usable."""
    return is_usable(user) and user.role == Role.ADMINISTRATOR


def staff_manageable_by(user) -> QuerySet[User]:
    """Provider staff accounts this user may list, invite and change: administrators
    only (``can_manage_staff``); nobody else sees any."""
    if can_manage_staff(user):
        return User.objects.filter(role__in=sorted(STAFF_ROLES))
    return User.objects.none()


def get_staff_user_for(user, pk) -> User:
    """The staff account ``pk`` if ``user`` manages staff (``staff_manageable_by``);
    404 for a missing one, a client's person and anyone who may not manage staff."""
    return get_object_or_404(staff_manageable_by(user), pk=pk)


def api_tokens_visible_to(user) -> QuerySet[ApiToken]:
    """A person's own API tokens, and nobody else's (administrators included);
    none for anyone who is not usable."""
    if not is_usable(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def get_api_token_for(user, pk) -> ApiToken:
    """One of ``user``'s own API tokens (to revoke it); anyone else's token, and
    any token for someone not usable, is 404, so token ids cannot be probed."""
    return get_object_or_404(api_tokens_visible_to(user), pk=pk)
