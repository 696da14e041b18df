"""After a key rotation: encrypt every stored webhook secret with the first WEBHOOK_SECRET_KEY."""

from django.core.management.base import BaseCommand, CommandError

from webhooks import encryption
from webhooks.models import Subscription


class Command(BaseCommand):
    help = (
        "Encrypt every webhook secret again with the first WEBHOOK_SECRET_KEY, so the "
        "keys after it can be removed."
    )

    def handle(self, *args, **options):
        count = 0
        try:
            for subscription in Subscription.objects.only("pk", "secret", "previous_secret"):
                # Read with any of the keys, written with the first one.
                subscription.save(update_fields=["secret", "previous_secret"])
                count += 1
        except encryption.WrongSecretKey as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{count} subscriptions encrypted with the first key.")
