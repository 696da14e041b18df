"""Issue a personal API token from the command line (for integrations and CI)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api import tokens
from common.errors import ServiceError


class Command(BaseCommand):
    help = "Create an API token for a user and print it (it is shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="Command line")
        parser.add_argument("--scope", choices=["read", "write"], default="read")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="How many days the token works (default: API_TOKEN_DAYS, 90).",
        )

    def handle(self, *args, email, name, scope, days, **options):
        user = get_user_model().objects.in_use().filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No active user has the e-mail address {email!r}.")
        try:
            token, text = tokens.create_token(user, name=name, scope=scope, days=days)
        except ServiceError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(text)
        # On stderr, so that $(manage.py issue_api_token …) captures the token alone.
        self.stderr.write(f"It expires on {token.expires_at:%Y-%m-%d %H:%M %Z}.")
