"""Issue a personal API token from the command line (for integrations and CI)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api import tokens
from common.errors import ServiceError


class Command(BaseCommand):
    help = "Create an API token for a user and print it (it is shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="Command line")
        parser.add_argument("--scope", choices=["read", "write"], default="read")

    def handle(self, *args, email, name, scope, **options):
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user has the e-mail address {email!r}.")
        try:
            _token, text = tokens.create_token(user, name=name, scope=scope)
        except ServiceError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(text)
