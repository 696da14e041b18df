from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.test.signals import setting_changed
        from django.utils.autoreload import file_changed

        from events.bus import subscribe
        from notifications.rendering import forget_titles
        from notifications.services import on_event

        subscribe(on_event)
        setting_changed.connect(forget_titles, dispatch_uid="notifications-titles-setting")
        file_changed.connect(forget_titles, dispatch_uid="notifications-titles-file")
