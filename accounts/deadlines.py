"""An invitation nobody accepted in time: the person who sent it hears about it."""

from accounts.models import User
from deadlines.registry import on_due
from events.bus import publish

INVITATION = "account.invitation"


@on_due(INVITATION)
def invitation_expired(user: User, deadline) -> None:
    if user.has_usable_password() or not user.is_active or user.invited_by is None:
        return
    publish(
        "account.invitation_expired",
        recipients=[user.invited_by],
        target=user,
        params={"name": user.full_name, "email": user.email},
        key=f"account.invitation_expired:{user.pk}:{deadline.due_at.isoformat()}",
    )
