"""Issuing and changing accounts. Credentials are always issued by the provider."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.deadlines import INVITATION
from accounts.models import User
from accounts.roles import Role
from accounts.states import INVITATIONS
from api.tokens import revoke_tokens_of
from common import images
from common.audit import set_author
from common.concurrency import save_changes
from common.errors import ServiceError
from common.validators import check_fields
from deadlines import services as deadlines
from events.bus import publish


def _check_email_free(email, *, exclude_pk=None):
    taken = User.objects.filter(email__iexact=email.strip())
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ServiceError(_("A user with this e-mail address already exists."), field="email")


@transaction.atomic
def invite_user(
    *, by, email, full_name, role, language="en", phone="", title="", photo=None, send=True
) -> User:
    """Create an account without a password and send its owner an invitation.

    The invitation e-mail leaves only after the transaction commits, so a
    failed creation never mails anyone. The link in it is single-use and
    expires (see PASSWORD_RESET_TIMEOUT).
    """
    _check_email_free(email)
    photos = _photo_changes({"photo": photo})
    user = User(
        email=email,
        full_name=full_name,
        role=role,
        language=language,
        phone=phone,
        title=title,
        **photos,
        invited_at=timezone.now(),
        invited_by=by,
        # The administrator configures the system in Django's admin site.
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )
    check_fields(user, "full_name", "phone", "title")
    user.set_unusable_password()
    set_author(user, by=by)
    user.save()
    if send:
        send_invitation(user, by=by)
    return user


def send_invitation(user: User, *, by) -> None:
    """Mail ``user`` their invitation link (a client's person once their membership exists,
    since messages reach only accounts in use)."""
    # A fresh key per invitation: a resent invitation is a new message.
    publish("account.invited", recipients=[user], target=user, actor=by)
    assert user.invited_at is not None
    deadlines.watch(
        user,
        INVITATION,
        due_at=user.invited_at + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
    )


def send_password_reset(user: User) -> None:
    """Mail a one-time link for choosing a new password (made when the mail goes out)."""
    publish("account.password_reset", recipients=[user], target=user)


@transaction.atomic
def accept_invitation(user: User) -> None:
    """The invited person is choosing their password: tell whoever invited them.

    Called before the password is saved, in the same transaction: only a
    pending invitation of an active account is accepted (``INVITATIONS``;
    otherwise ``InvalidState`` and no password is set).
    """
    user = INVITATIONS.lock(user, "accept")
    deadlines.cancel(user, INVITATION)
    if user.invited_by is not None:
        publish(
            "account.invitation_accepted",
            recipients=[user.invited_by],
            target=user,
            actor=user,
            params={"name": user.full_name, "email": user.email},
            key=f"account.invitation_accepted:{user.pk}",
        )


@transaction.atomic
def resend_invitation(user, *, by) -> None:
    """Send a fresh invitation link to someone who has not set a password yet.

    Only a pending invitation of an active account (``INVITATIONS``).
    """
    user = INVITATIONS.lock(user, "resend")
    user.invited_at = timezone.now()
    set_author(user, by=by)
    user.save(update_fields=["invited_at"])
    send_invitation(user, by=by)


def _photo_changes(changes: dict) -> dict:
    """A new photo is kept only as the image pipeline cleaned it, with its thumbnail.

    Clearing the photo clears both; the files they replace are deleted when
    the change commits (common.concurrency.save_changes).
    """
    if "photo" not in changes:
        return changes
    if not changes["photo"]:
        return {**changes, "photo": "", "photo_thumbnail": ""}
    cleaned = images.clean_image(changes["photo"], images.PORTRAIT, field="photo")
    return {**changes, "photo": cleaned, "photo_thumbnail": cleaned.thumbnail}


def update_user(user, changes: dict, *, by, expected_version: int) -> User:
    """Change a user's name, contacts, photo, role or language; refused if changed meanwhile."""
    changes = _photo_changes(changes)
    if "email" in changes:
        _check_email_free(changes["email"], exclude_pk=user.pk)
    if "role" in changes and changes["role"] != user.role and by.pk == user.pk:
        # Nobody can raise or drop their own rights; another administrator can.
        raise ServiceError(_("You cannot change your own role."), field="role")
    if "role" in changes:
        changes["is_staff"] = changes["is_superuser"] = changes["role"] == Role.ADMINISTRATOR
    return save_changes(user, changes, by=by, expected_version=expected_version)


@transaction.atomic
def set_active(user, active: bool, *, by) -> None:
    """Deactivate (nobody can log in, history stays) or reactivate an account.

    Deactivating revokes the person's API tokens for good: reactivating the
    account later does not bring them back. Open sessions end at their next
    request (see ``accounts.backends``).
    """
    if user == by and not active:
        raise ServiceError(_("You cannot deactivate your own account."))
    user.is_active = active
    set_author(user, by=by)
    user.save(update_fields=["is_active"])
    if not active:
        revoke_tokens_of([user])


def set_language(user, language: str) -> None:
    """Remember the interface language a person chose, on every device."""
    if user.language != language:
        user.language = language
        set_author(user, by=user)
        user.save(update_fields=["language"])
