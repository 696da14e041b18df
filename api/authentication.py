from django.utils import formats, timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api import tokens


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer cd_…`` with a personal token from the profile page."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as “Bearer <token>”."))
        try:
            token = tokens.authenticate(header[1])
        except tokens.Expired as expired:
            raise exceptions.AuthenticationFailed(
                _("This token expired on %(date)s. Create a new one on your profile page.")
                % {"date": formats.date_format(timezone.localtime(expired.token.expires_at))},
                code="token_expired",
            ) from None
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is unknown or revoked."))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from the profile page (cd_…).",
        }
