"""Read models for client and site pages: each a fixed number of queries."""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404

from accounts.access import sees_internal
from accounts.models import User
from accounts.roles import Role
from clients import access
from clients.models import Client, Membership, Site
from common.keyset import bounded_counts
from common.querysets import with_columns_of

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
CONTACT_FIELDS = ("id", "full_name", "title", "role", "phone", "email", "photo_thumbnail")


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _with_contacts(queryset, viewer, *fields):
    """Load the contact people in ``fields`` as ``viewer`` may see them.

    Staff (``sees_internal``) get every assignment in the same query; a
    client's people get the contacts ``clients.access.contacts_shown_to``
    allows (a deactivated one reads as nobody), in one more query per field.
    """
    if sees_internal(viewer):
        return queryset.select_related(*fields)
    shown = access.contacts_shown_to(viewer).only(*CONTACT_FIELDS)
    return queryset.prefetch_related(*(Prefetch(field, queryset=shown) for field in fields))


def _departed_people() -> QuerySet:
    """The ids of deactivated people. They are few, so a condition "is one of
    them" is a small set in memory that each row is checked against, where a
    join on ``is_active`` reads a person for every row."""
    return User.objects.filter(is_active=False).values("pk")


def _first_site_needing_new_owner(user) -> Subquery:
    """For a row of clients (``OuterRef("pk")``): the id of one of its visible
    sites whose service director or work manager left, or NULL.

    With ``clients.access.clients_needing_new_owner``'s account manager test this is the
    client list's flag, asked for the page's rows only: a LIMIT 1 per row the
    database cannot turn into a pass over every site of every client.
    """
    departed = _departed_people()
    return Subquery(
        access.sites_visible_to(user)
        .filter(
            Q(service_director__in=departed) | Q(work_manager__in=departed),
            client_id=OuterRef("pk"),
        )
        .order_by()
        .values("pk")[:1]
    )


def client_list(user, query="", *, needs_new_owner=False):
    """Visible clients with their site count, and whether work there needs a new owner
    (``client_rows`` adds what a row shows)."""
    clients = access.clients_visible_to(user)
    if query:
        clients = clients.filter(
            Q(name__icontains=query)
            | Q(registry_code__icontains=query)
            | Q(email__icontains=query)
            | Q(sites__name__icontains=query)
            | Q(sites__address__icontains=query)
        ).distinct()
    if needs_new_owner:
        clients = clients.filter(pk__in=access.clients_needing_new_owner(user).values("pk"))
    return (
        clients.annotate(
            # Counted per row of the page, not grouped over every client's sites.
            site_count=Subquery(
                Site.objects.filter(client=OuterRef("pk"))
                .order_by()
                .values("client")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
        )
        # Asked per row of the page, not computed for every client first; an
        # alias, not a column too, or the database asks it twice per row.
        .alias(site_needing_new_owner=_first_site_needing_new_owner(user))
        .annotate(
            needs_new_owner=_flag(
                Q(account_manager__is_active=False) | Q(site_needing_new_owner__isnull=False)
            ),
        )
        .order_by("name")
    )


def desk_client(user, pk) -> Client:
    """A client for the staff desk, flagged when its account manager was deactivated."""
    return get_object_or_404(
        access.clients_visible_to(user)
        .select_related("account_manager")
        .annotate(account_manager_left=_flag(Q(account_manager__is_active=False))),
        pk=pk,
    )


def desk_site(user, pk) -> Site:
    """A site for the staff desk, with a flag for each responsible person who was deactivated."""
    return get_object_or_404(
        access.sites_visible_to(user)
        .select_related("client__account_manager", "service_director", "work_manager")
        .annotate(
            account_manager_left=_flag(access.ACCOUNT_MANAGER_LEFT),
            service_director_left=_flag(access.SERVICE_DIRECTOR_LEFT),
            work_manager_left=_flag(access.WORK_MANAGER_LEFT),
        ),
        pk=pk,
    )


def sites_of_client(user, client, query=""):
    """The client's sites ``user`` sees, by name, found by name or address
    (``site_rows`` adds what a row shows)."""
    sites = access.sites_visible_to(user).filter(client=client)
    if query:
        sites = sites.filter(Q(name__icontains=query) | Q(address__icontains=query))
    return sites.order_by("name", "pk")


def client_counts(user, client) -> dict[str, int]:
    """What a client's overview counts, up to ``COUNT_LIMIT`` each, in one query:
    its sites ``user`` sees, those of them whose work needs a new owner, its people."""
    sites = sites_of_client(user, client)
    return bounded_counts(
        {
            "sites": sites,
            "sites_needing_new_owner": sites.filter(access.SITE_NEEDS_NEW_OWNER),
            "people": members_of_client(user, client),
        }
    )


def with_account_manager(clients, viewer):
    """``clients`` with their account manager as ``viewer`` may see them (the API's record)."""
    return _with_contacts(clients, viewer, "account_manager")


def client_rows(clients):
    """What a row of the client list shows of its account manager: the name
    (the e-mail where there is none)."""
    return with_columns_of(clients, *_person_shown("account_manager"))


def site_rows(sites):
    """What a client page's site row shows: its two contacts, and whether one has left.

    Apart from ``sites_of_client`` so that counting a page's sites joins nothing.
    """
    return with_columns_of(
        sites, *_person_shown("service_director"), *_person_shown("work_manager")
    ).annotate(needs_new_owner=_flag(access.SITE_NEEDS_NEW_OWNER))


def _person_shown(relation: str) -> tuple[str, ...]:
    # What ``str(person)`` writes: the name, or the e-mail without one.
    return (f"{relation}__full_name", f"{relation}__email")


SITE_CONTACTS = ("service_director", "work_manager")


def sites_with_contacts(user, contacts: tuple[str, ...] = SITE_CONTACTS):
    """The visible sites with ``contacts`` (their service director and work
    manager) as ``user`` may see them."""
    return _with_contacts(access.sites_visible_to(user), user, *contacts)


def members_of_client(user, client, query=""):
    """The client's people ``user`` sees, by name, found by name or e-mail
    (``member_rows`` adds what a row shows)."""
    members = access.memberships_visible_to(user).filter(client=client)
    if query:
        members = members.filter(
            Q(user__full_name__icontains=query) | Q(user__email__icontains=query)
        )
    return members.annotate(user_name=F("user__full_name")).order_by("user_name", "pk")


def member_rows(members):
    """What a member row shows of its person: name, e-mail, role and the
    account's state (``accounts.templatetags.accounts.account_status``)."""
    return with_columns_of(
        members,
        "user__full_name",
        "user__email",
        "user__role",
        "user__is_active",
        "user__password",
    )


def load_site_names(members: list) -> None:
    """Set ``site_names`` of each site contact in ``members``: the names of
    the sites they look after, in order, from one query for them all."""
    contacts = {member.pk: member for member in members if member.user.role == Role.SITE_CONTACT}
    for member in members:
        member.site_names = []
    if not contacts:
        return
    pairs = (
        Membership.sites.through.objects.filter(membership_id__in=contacts)
        .order_by("site__name", "site_id")
        .values_list("membership_id", "site__name")
    )
    for membership_id, name in pairs:
        contacts[membership_id].site_names.append(name)


def portal_sites(user, query="", contacts: tuple[str, ...] = SITE_CONTACTS):
    """The user's sites with the contact cards of ``contacts`` (only active
    staff: see ``clients.access.contacts_shown_to``), found by name or address.

    A page loads only the people it shows: *My sites* a site's service
    director, where the work manager too was a query and 25 people more."""
    sites = sites_with_contacts(user, contacts).only(*PORTAL_SITE_FIELDS).order_by("name")
    if query:
        sites = sites.filter(Q(name__icontains=query) | Q(address__icontains=query))
    return sites


def portal_site(user, pk) -> Site:
    """One of ``portal_sites``; 404 for a missing site and another's alike."""
    return get_object_or_404(portal_sites(user), pk=pk)


def portal_client(user) -> Client | None:
    """The user's own client with its account manager's contact card (if still active)."""
    return (
        _with_contacts(access.clients_visible_to(user), user, "account_manager")
        .only("id", "name", "kind", "address", "phone", "email", "account_manager_id")
        .first()
    )


def portal_members(user):
    """The people of the client ``user`` administers, by name (rows: ``member_rows``)."""
    return (
        access.memberships_manageable_by(user)
        .annotate(user_name=F("user__full_name"))
        .order_by("user_name", "pk")
    )
