from django.core.management.base import BaseCommand

from clients import demo
from quality import demo as quality_demo


class Command(BaseCommand):
    help = "Create (or restore) the demo company: clients, sites, people and inspections."

    def handle(self, *args, **options):
        demo.seed()
        quality_demo.seed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready. Every demo login uses the password {demo.DEMO_PASSWORD!r}."
            )
        )
