"""What of a client's pages is kept rendered (``common.fragments``), and what renews it.

A client's history (the client's, its sites' and its people's changes) is
read from three history tables at once; its newest page is kept under a
token of the client that every save or deletion of the client, one of its
sites or one of its people's memberships drops, as does a change of the
sites a person looks after (each writes the history rows the page shows).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

SCOPE = "client"


def _changed(sender, instance, raw=False, **kwargs):
    from clients.models import Client
    from common import fragments

    if raw:  # loaddata
        return
    client_id = instance.pk if sender is Client else instance.client_id
    if client_id is not None:
        fragments.changed(SCOPE, client_id)


def _sites_changed(sender, instance, action, **kwargs):
    from clients.models import Membership, Site
    from common import fragments

    if not action.startswith("post_"):
        return
    # A membership's sites, or a site's people (the other side): one client's either way.
    if isinstance(instance, Membership | Site):
        fragments.changed(SCOPE, instance.client_id)


def connect() -> None:
    """Renew a client's kept parts whenever one of its records is saved or deleted."""
    from clients.models import Client, Membership, Site

    for model in (Client, Site, Membership):
        uid = f"clients.kept.{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
    m2m_changed.connect(
        _sites_changed, sender=Membership.sites.through, dispatch_uid="clients.kept.sites"
    )
