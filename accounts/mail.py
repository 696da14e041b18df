"""The account e-mails: invitation and password reset, in the recipient's language."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User


def _link(user: User, url_name: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse(url_name, kwargs={"uidb64": uid, "token": token})


def _send(user: User, template: str, context: dict) -> None:
    with translation.override(user.language):
        context = {"user": user, "site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"accounts/mail/{template}.subject.txt", context)
        body = render_to_string(f"accounts/mail/{template}.body.txt", context)
        html = render_to_string(f"accounts/mail/{template}.body.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


def send_invitation(user: User) -> None:
    _send(
        user,
        "invitation",
        {
            "link": _link(user, "accounts:invitation"),
            "inviter": user.invited_by,
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        },
    )


def send_password_reset(user: User) -> None:
    _send(
        user,
        "password_reset",
        {
            "link": _link(user, "accounts:password_reset_confirm"),
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        },
    )
