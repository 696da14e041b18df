"""Read models for client and site pages: each a fixed number of queries."""

from django.db.models import Count, Prefetch, Q

from clients import access
from clients.models import Client, Site

# What a client's own people may read about their sites; internal notes and
# other staff-only fields are never loaded for the portal.
PORTAL_SITE_FIELDS = (
    "id",
    "name",
    "address",
    "status",
    "client_id",
    "service_director_id",
    "work_manager_id",
)
CONTACT_FIELDS = ("id", "full_name", "title", "role", "phone", "email", "photo")


def client_list(user, query=""):
    clients = access.clients_visible_to(user).select_related("account_manager")
    if query:
        clients = clients.filter(
            Q(name__icontains=query)
            | Q(registry_code__icontains=query)
            | Q(email__icontains=query)
            | Q(sites__name__icontains=query)
            | Q(sites__address__icontains=query)
        ).distinct()
    return clients.annotate(site_count=Count("sites", distinct=True)).order_by("name")


def sites_of_client(user, client):
    return (
        access.sites_visible_to(user)
        .filter(client=client)
        .select_related("service_director", "work_manager")
        .order_by("name")
    )


def members_of_client(user, client):
    return (
        access.memberships_visible_to(user)
        .filter(client=client)
        .select_related("user")
        .prefetch_related("sites")
        .order_by("user__full_name")
    )


def portal_sites(user):
    """The user's sites with their service director and work manager contact cards."""
    return (
        access.sites_visible_to(user)
        .only(
            *PORTAL_SITE_FIELDS,
            *(f"service_director__{f}" for f in CONTACT_FIELDS),
            *(f"work_manager__{f}" for f in CONTACT_FIELDS),
        )
        .select_related("service_director", "work_manager")
        .order_by("name")
    )


def portal_client(user) -> Client | None:
    """The user's own client with its account manager's contact card."""
    return (
        access.clients_visible_to(user)
        .only(
            "id",
            "name",
            "kind",
            "address",
            "phone",
            "email",
            *(f"account_manager__{f}" for f in CONTACT_FIELDS),
        )
        .select_related("account_manager")
        .first()
    )


def portal_members(user):
    return (
        access.memberships_manageable_by(user)
        .select_related("user")
        .prefetch_related(Prefetch("sites", queryset=Site.objects.only("id", "name")))
        .order_by("user__full_name")
    )
