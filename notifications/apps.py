from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Each app declares the events it tells people about in its events.py,
        # as each app's periodic jobs live in its tasks.py (djhuey imports those).
        autodiscover_modules("events")
