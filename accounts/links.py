"""One-time links for choosing a password, made when the mail is sent and never stored."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User


def one_time_link(user: User, url_name: str) -> str:
    # The token covers the password hash and last login, so it stops working
    # once used, and after PASSWORD_RESET_TIMEOUT.
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse(url_name, kwargs={"uidb64": uid, "token": token})


def link_days() -> int:
    return settings.PASSWORD_RESET_TIMEOUT // 86400
