"""Whose accounts work at all, and who may see and manage provider staff accounts."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role

# A client's people use Clientdesk only while the provider serves their
# client: deactivating the client ends every login of its people at once,
# and reactivating it gives them back (their own accounts stay as they were).
# Lookups by name, so this lowest app does not import the clients app.
# A client's person without a membership (removed, or its client deleted)
# belongs to no client, so uses nothing: judged by role, not by the row.
_IN_USE = Q(is_active=True) & (
    Q(role__in=sorted(STAFF_ROLES)) | Q(membership__client__is_active=True)
)


def accounts_in_use() -> QuerySet[User]:
    """The accounts that may log in, call the API and receive messages.

    An account is in use while it is active and, for a client's person, while
    their client is active. Login, sessions, API tokens and every
    notification channel ask this rule (``account_in_use`` for one user).
    """
    return User.objects.filter(_IN_USE)


def account_in_use(user) -> bool:
    """``accounts_in_use`` for one loaded user, without a query when the
    membership and its client were loaded with it (``select_related``)."""
    if user is None or not user.is_active:
        return False
    # A missing reverse one-to-one raises a subclass of AttributeError.
    if user.role in STAFF_ROLES:
        return True
    membership = getattr(user, "membership", None)
    return membership is not None and membership.client.is_active


def can_manage_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR)


def staff_manageable_by(user) -> QuerySet[User]:
    """Provider staff accounts this user may list, invite and change: administrators only."""
    if can_manage_staff(user):
        return User.objects.filter(role__in=sorted(STAFF_ROLES))
    return User.objects.none()


def get_staff_user_for(user, pk) -> User:
    return get_object_or_404(staff_manageable_by(user), pk=pk)
