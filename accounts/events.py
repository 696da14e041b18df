"""What Clientdesk tells people about accounts."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.links import link_days, one_time_link
from accounts.roles import Role
from events.registry import STAFF, Defaults, EventType, register

ACCOUNT_MAIL = Defaults(in_app=False, email="now", sms=False)
# Those who invite people: staff, and a client's administrator for their colleagues.
INVITERS = STAFF | {Role.CLIENT_ADMIN}


def _invitation_context(notification) -> dict:
    user = notification.recipient
    return {
        "user": user,
        "inviter": notification.actor,
        "link": one_time_link(user, "accounts:invitation"),
        "days": link_days(),
    }


def _password_reset_context(notification) -> dict:
    user = notification.recipient
    return {
        "user": user,
        "link": one_time_link(user, "accounts:password_reset_confirm"),
        "days": link_days(),
    }


def _still_invited(notification) -> bool:
    # Someone who has chosen a password meanwhile needs no invitation any more.
    return not notification.recipient.has_usable_password()


def _no_link(target, recipient) -> str:
    return ""


def _invitee_page(invitee, recipient) -> str:
    """Where the inviter finds the person they invited."""
    if recipient.is_client_user:
        return reverse("portal:user_list")
    if invitee.is_provider_staff:
        return invitee.get_staff_url()
    membership = getattr(invitee, "membership", None)
    return membership.client.get_staff_url() if membership else ""


register(
    EventType(
        "account.invited",
        _("Invitation to Clientdesk"),
        templates="accounts/notifications",
        defaults=ACCOUNT_MAIL,
        configurable=False,
        link=_no_link,
        send_context=_invitation_context,
        still_wanted=_still_invited,
    )
)
register(
    EventType(
        "account.password_reset",
        _("Password reset link"),
        templates="accounts/notifications",
        defaults=ACCOUNT_MAIL,
        configurable=False,
        link=_no_link,
        send_context=_password_reset_context,
    )
)
register(
    EventType(
        "account.invitation_accepted",
        _("Someone you invited has joined"),
        templates="accounts/notifications",
        audience=INVITERS,
        link=_invitee_page,
    )
)
register(
    EventType(
        "account.invitation_expired",
        _("An invitation you sent has expired unused"),
        templates="accounts/notifications",
        audience=INVITERS,
        link=_invitee_page,
    )
)
