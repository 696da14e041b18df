from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Quality monitoring")

    def ready(self):
        from common import site_tabs
        from quality import deadlines, events  # noqa: F401  (registers handlers and events)

        site_tabs.register(
            site_tabs.Tab(_("Quality"), staff="quality:site", portal="portal_quality:site")
        )
