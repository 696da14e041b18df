from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from common import capabilities


class Command(BaseCommand):
    help = "Create (or restore) the demo company: clients, sites, people and inspections."

    def handle(self, *args, **options):
        # Each app seeds its part (common.capabilities.DemoData), in order.
        for demo in capabilities.demo_data():
            import_string(demo.seed)()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data is ready. Every demo login uses the password "
                f"{capabilities.DEMO_PASSWORD!r}."
            )
        )
