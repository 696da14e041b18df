"""Who may see and manage provider staff accounts."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role


def can_manage_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR)


def staff_manageable_by(user) -> QuerySet[User]:
    """Provider staff accounts this user may list, invite and change: administrators only."""
    if can_manage_staff(user):
        return User.objects.filter(role__in=sorted(STAFF_ROLES))
    return User.objects.none()


def get_staff_user_for(user, pk) -> User:
    return get_object_or_404(staff_manageable_by(user), pk=pk)
