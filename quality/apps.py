from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Quality monitoring")

    def ready(self):
        from quality import deadlines, events  # noqa: F401  (registers handlers and events)
