from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Each app declares its event types in its events.py, as its periodic
        # jobs live in its tasks.py (djhuey imports those). Notifications and
        # webhooks subscribe to events in their own AppConfig.ready.
        autodiscover_modules("events")
