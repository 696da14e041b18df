from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Quality monitoring")

    def ready(self):
        from clients.models import Site
        from quality import deadlines, events, kept  # noqa: F401  (registers handlers and events)

        kept.connect()

        # However a site's status changes (its page, the API, the admin), its
        # plan follows: only an active site is on the schedule.
        post_save.connect(_site_saved, sender=Site, dispatch_uid="quality.follow_site")


def _site_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the plans come with their own dates
        return
    from quality.services.plans import follow_site

    follow_site(instance)
