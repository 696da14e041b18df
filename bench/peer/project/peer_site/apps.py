from django.apps import AppConfig


class PeerSiteConfig(AppConfig):
    """Our part of the peer project: ceiling pages, query counter, ticket loader."""

    name = "peer_site"
    default_auto_field = "django.db.models.BigAutoField"
