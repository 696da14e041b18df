from django.core.management.base import BaseCommand

from clients import demo


class Command(BaseCommand):
    help = "Create (or restore) the demo company: clients, sites, staff and client users."

    def handle(self, *args, **options):
        demo.seed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready. Every demo login uses the password {demo.DEMO_PASSWORD!r}."
            )
        )
