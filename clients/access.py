"""Who may see and change which clients, sites and client users.

This module is the root of every access decision in Clientdesk: each app's
own ``access.py`` narrows its records by ``clients_visible_to`` and
``sites_visible_to``; views, the API, exports and notifications never filter
by hand. "Missing" and "not yours" give the same 404, so ids cannot be probed.
"""

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import is_usable, sees_internal
from accounts.models import User
from accounts.roles import Role
from clients.models import Client, Membership, Site, SiteRecord
from common.querysets import unrestricted

# Provider roles that work across every client: the administrator configures
# everything, operators and reviewers take requests from any client, and
# inspectors are sent to any site.
ROLES_SEEING_ALL_CLIENTS = frozenset(
    {Role.ADMINISTRATOR, Role.OPERATOR, Role.REVIEWER, Role.QUALITY_INSPECTOR}
)
# Client roles that see every site of their own client.
ROLES_SEEING_ALL_OWN_SITES = frozenset({Role.CLIENT_ADMIN, Role.PRIVATE_CUSTOMER})


def own_client_id(user) -> int | None:
    """The id of the client ``user`` belongs to, from their membership; None
    for staff, anyone without one, the anonymous and nobody. Asks nothing of
    the user's state."""
    # A missing membership raises an AttributeError (RelatedObjectDoesNotExist).
    membership = getattr(user, "membership", None)
    return membership.client_id if membership is not None else None


def sites_visible_to(user) -> QuerySet[Site]:
    """The sites this user may see.

    Staff see all sites, or those of the clients they manage plus those they
    direct or manage work at; a client administrator or private customer sees
    their client's sites; a site contact sees only the sites listed for them.
    """
    if not is_usable(user):
        return Site.objects.none()
    if user.role in ROLES_SEEING_ALL_CLIENTS:
        return Site.objects.all()
    if user.is_provider_staff:
        return Site.objects.filter(
            Q(client__account_manager=user) | Q(service_director=user) | Q(work_manager=user)
        )
    if user.role in ROLES_SEEING_ALL_OWN_SITES:
        # By the client's id, read from the membership loaded with the user:
        # a subquery through memberships made PostgreSQL guess ten sites per
        # client, and for a chain of 200 it joined every corrective action's
        # inspection score before filtering (150 ms instead of 5).
        client_id = own_client_id(user)
        return Site.objects.filter(client_id=client_id) if client_id else Site.objects.none()
    if user.role == Role.SITE_CONTACT:
        return Site.objects.filter(contact_memberships__user=user)
    return Site.objects.none()


def at_visible_sites[M: Model](user, queryset: QuerySet[M]) -> QuerySet[M]:
    """The rows of ``queryset`` (a model with a ``site``) at the sites ``user`` sees.

    Those who see every site get ``queryset`` whole, without a ``site IN (all
    sites)`` subquery: at 20,000 sites that subquery kept the database from
    reading a list's page straight from its index.
    """
    if is_usable(user) and user.role in ROLES_SEEING_ALL_CLIENTS:
        return queryset
    if is_usable(user) and user.role in ROLES_SEEING_ALL_OWN_SITES:
        client_id = own_client_id(user)
        if not client_id:
            return queryset.none()
        # A record that names its client (SiteRecord) is found on its own
        # index; any other by a join on the client's sites, from which the
        # database starts instead of testing every row against them.
        if issubclass(queryset.model, SiteRecord):
            return queryset.filter(client_id=client_id)
        return queryset.filter(site__client_id=client_id)
    return queryset.filter(site__in=sites_visible_to(user))


def clients_visible_to(user) -> QuerySet[Client]:
    """The clients this user may see: those with a visible site, or that they manage.

    A client user sees exactly one client, their own.
    """
    if not is_usable(user):
        return Client.objects.none()
    if user.role in ROLES_SEEING_ALL_CLIENTS:
        return Client.objects.all()
    if user.is_provider_staff:
        return Client.objects.filter(
            Q(account_manager=user) | Q(pk__in=sites_visible_to(user).values("client_id"))
        )
    if user.is_client_user:
        return Client.objects.filter(memberships__user=user)
    return Client.objects.none()


def clients_manageable_by(user) -> QuerySet[Client]:
    """The clients whose details, sites and users this staff member may change.

    The administrator manages every client; an account manager manages the
    clients they are responsible for; nobody else changes client records.
    """
    if not is_usable(user):
        return Client.objects.none()
    if user.role == Role.ADMINISTRATOR:
        return Client.objects.all()
    if user.role == Role.ACCOUNT_MANAGER:
        return Client.objects.filter(account_manager=user)
    return Client.objects.none()


def clients_nameable_by(user) -> QuerySet[Client]:
    """The clients whose id ``user`` may send in a request body (the client of a
    new site or a new user): staff those they manage, a client's people their
    own. Another client's id reads as a missing one, so ids cannot be probed;
    anyone who is not usable may name none. Naming a client is not yet
    permission: the view still asks ``get_manageable_client_for`` or
    ``client_administered_by``."""
    if not is_usable(user):
        return Client.objects.none()
    if user.is_provider_staff:
        return clients_manageable_by(user)
    return clients_visible_to(user)


def can_create_clients(user) -> bool:
    """Whether ``user`` registers new clients: a usable administrator only."""
    return is_usable(user) and user.role == Role.ADMINISTRATOR


def can_assign_account_manager(user) -> bool:
    """Whether ``user`` names or changes a client's account manager: a usable
    administrator only (an account manager edits their clients, not who manages them)."""
    return is_usable(user) and user.role == Role.ADMINISTRATOR


def can_manage_client(user, client: Client) -> bool:
    """Whether ``user`` changes ``client``, its sites and its users and reads its
    history: ``client`` is among ``clients_manageable_by(user)``."""
    manageable = clients_manageable_by(user)
    if unrestricted(manageable):
        return client.pk is not None
    return manageable.filter(pk=client.pk).exists()


def client_of(user) -> Client | None:
    """The client a client user belongs to, whatever their role; None for staff,
    for a client's person without a membership and for anyone not usable."""
    if not is_usable(user) or not user.is_client_user:
        return None
    membership = Membership.objects.filter(user=user).select_related("client").first()
    return membership.client if membership else None


def _clients_administered_by(user) -> QuerySet[Client]:
    # A queryset, so the membership rules below use it as a subquery.
    if not is_usable(user) or user.role != Role.CLIENT_ADMIN:
        return Client.objects.none()
    return Client.objects.filter(memberships__user=user, is_active=True)


def client_administered_by(user) -> Client | None:
    """The client whose users, notification defaults and webhooks ``user`` manages
    as its client administrator.

    Only a usable client administrator with a membership of an active client
    has one. Everyone else gets None and is refused: staff (they manage
    clients through ``clients_manageable_by``), site contacts, private
    customers, a client administrator without a membership or whose client
    the provider no longer serves, the anonymous and None.
    """
    return _clients_administered_by(user).first()


def memberships_visible_to(user) -> QuerySet[Membership]:
    """Client users this user may see: staff see those of visible clients; a client
    administrator sees the people of the client they administer; other client
    users, and anyone not usable, none."""
    if not is_usable(user):
        return Membership.objects.none()
    if user.is_provider_staff:
        return Membership.objects.filter(client__in=clients_visible_to(user))
    if user.role == Role.CLIENT_ADMIN:
        return Membership.objects.filter(client__in=_clients_administered_by(user))
    return Membership.objects.none()


def memberships_manageable_by(user) -> QuerySet[Membership]:
    """Client users this user may invite, change and deactivate.

    Staff who manage a client manage its users; a client administrator
    manages the users of the client they administer (``client_administered_by``).
    """
    if not is_usable(user):
        return Membership.objects.none()
    if user.is_provider_staff:
        return Membership.objects.filter(client__in=clients_manageable_by(user))
    if user.role == Role.CLIENT_ADMIN:
        return Membership.objects.filter(client__in=_clients_administered_by(user))
    return Membership.objects.none()


def contacts_shown_to(viewer) -> QuerySet[User]:
    """The staff who may appear as contact people (account manager, service
    director, work manager) to ``viewer``.

    A client's people see only active staff: a deactivated colleague leaves
    their contact cards at once, and the card says a new person will be
    named. Staff see every assignment, so they notice which needs a new owner:
    who left is staff-only (``sees_internal``). Anyone who is not usable is
    shown nobody.
    """
    if sees_internal(viewer):
        return User.objects.all()
    if not is_usable(viewer):
        return User.objects.none()
    return User.objects.filter(is_active=True)


# A site needs a new owner when one of the people responsible for it (its
# client's account manager, its service director, its work manager) left.
ACCOUNT_MANAGER_LEFT = Q(client__account_manager__is_active=False)
SERVICE_DIRECTOR_LEFT = Q(service_director__is_active=False)
WORK_MANAGER_LEFT = Q(work_manager__is_active=False)
SITE_NEEDS_NEW_OWNER = ACCOUNT_MANAGER_LEFT | SERVICE_DIRECTOR_LEFT | WORK_MANAGER_LEFT


def sites_needing_new_owner(user) -> QuerySet[Site]:
    """The visible sites whose account manager, service director or work
    manager has been deactivated, so their work waits for a new owner."""
    return sites_visible_to(user).filter(SITE_NEEDS_NEW_OWNER)


def clients_needing_new_owner(user) -> QuerySet[Client]:
    """The visible clients whose account manager has been deactivated, or with
    a visible site that needs a new owner."""
    # EXISTS per client, not "pk IN (every such site)": a page of clients asks
    # about its own 25 rows instead of going through all 20,000 sites.
    return clients_visible_to(user).filter(
        Q(account_manager__is_active=False)
        | Exists(sites_needing_new_owner(user).filter(client_id=OuterRef("pk")))
    )


def get_client_for(user, pk) -> Client:
    """The client ``pk`` if ``user`` sees it (``clients_visible_to``); 404 for a
    missing one and another's alike."""
    return get_object_or_404(clients_visible_to(user), pk=pk)


def get_manageable_client_for(user, pk) -> Client:
    """The client ``pk`` if ``user`` manages it (``clients_manageable_by``); 404
    otherwise, also when they only see it."""
    return get_object_or_404(clients_manageable_by(user), pk=pk)


def get_site_for(user, pk) -> Site:
    """The site ``pk`` (with its client) if ``user`` sees it (``sites_visible_to``);
    404 for a missing one and another's alike."""
    return get_object_or_404(sites_visible_to(user).select_related("client"), pk=pk)


def get_manageable_site_for(user, pk) -> Site:
    """The site ``pk`` if ``user`` manages its client (``clients_manageable_by``);
    404 otherwise, also when they only see it."""
    return get_object_or_404(
        Site.objects.filter(client__in=clients_manageable_by(user)).select_related("client"),
        pk=pk,
    )


def get_membership_for(user, pk) -> Membership:
    """The client user ``pk`` (membership, with user and client) if ``user`` may
    change them (``memberships_manageable_by``); 404 otherwise."""
    return get_object_or_404(
        memberships_manageable_by(user).select_related("user", "client"), pk=pk
    )
