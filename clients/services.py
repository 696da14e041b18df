"""Every change to clients, sites and client users goes through these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.models import User
from accounts.roles import CLIENT_ROLES, Role
from api.tokens import revoke_tokens_of
from clients.models import Client, Membership, Site
from common.audit import set_author
from common.concurrency import save_changes
from common.errors import ServiceError
from events.bus import publish


def _created(instance, *, by):
    set_author(instance, by=by)
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from error
    instance.save()
    return instance


@transaction.atomic
def create_client(*, by, **fields) -> Client:
    """Register a new client; the history records who did it."""
    return _created(Client(**fields), by=by)


@transaction.atomic
def update_client(client, changes: dict, *, by, expected_version: int) -> Client:
    """Change a client's details; refused if someone saved the client meanwhile.

    Deactivating a client ends its people's use of Clientdesk (see
    ``accounts.access.accounts_in_use``) and revokes their API tokens for
    good; reactivating it lets them log in again, with new tokens.
    """
    client = save_changes(client, changes, by=by, expected_version=expected_version)
    if not client.is_active:
        revoke_tokens_of(User.objects.filter(membership__client=client))
    return client


@transaction.atomic
def create_site(client, *, by, **fields) -> Site:
    """Add a site to ``client``; the model's own rules are checked first (``ServiceError``)."""
    return _created(Site(client=client, **fields), by=by)


@transaction.atomic
def update_site(site, changes: dict, *, by, expected_version: int) -> Site:
    """Change a site; its client's people hear when their contact people change.

    A site stays with its client: its records carry the client (``SiteRecord``),
    and the client's people own its history."""
    if "client" in changes and changes["client"] != site.client:
        raise ServiceError(_("A site cannot move to another client."), field="client")
    changes = {name: value for name, value in changes.items() if name != "client"}
    before = (site.service_director_id, site.work_manager_id)
    site = save_changes(site, changes, by=by, expected_version=expected_version)
    if (site.service_director_id, site.work_manager_id) != before:
        _tell_team_changed(site, by=by)
    return site


def _tell_team_changed(site: Site, *, by) -> None:
    director, manager = site.service_director, site.work_manager
    publish(
        "site.team_changed",
        # The event's access check narrows this to the people who see the site.
        recipients=[m.user for m in site.client.memberships.select_related("user")],
        target=site,
        actor=by,
        params={
            "site": site.name,
            "service_director": director.full_name if director else "",
            "service_director_phone": director.phone if director else "",
            "work_manager": manager.full_name if manager else "",
        },
    )


def _check_sites(client, role, sites):
    if any(site.client_id != client.pk for site in sites):
        raise ServiceError(_("A user can only be given sites of their own client."), field="sites")
    if role == Role.SITE_CONTACT and not sites:
        raise ServiceError(_("Choose at least one site for a site contact."), field="sites")


@transaction.atomic
def invite_client_user(
    *, by, client, email, full_name, role, sites=(), language=None, phone=""
) -> Membership:
    """Issue a login to a client's person and mail them an invitation.

    A site contact sees only ``sites``; a client administrator or private
    customer sees every site of the client, so their site list stays empty.
    """
    if role not in CLIENT_ROLES:
        raise ServiceError(_("Choose a client role."), field="role")
    sites = list(sites) if role == Role.SITE_CONTACT else []
    _check_sites(client, role, sites)
    user = account_services.invite_user(
        by=by,
        email=email,
        full_name=full_name,
        role=role,
        language=language or client.language,
        phone=phone,
        send=False,
    )
    membership = Membership(user=user, client=client)
    set_author(membership, by=by)
    membership.save()
    membership.sites.set(sites)
    # Only now does the person belong to a client, and so may be told anything.
    account_services.send_invitation(user, by=by)
    return membership


@transaction.atomic
def update_client_user(
    membership, changes: dict, *, by, expected_version: int, sites=None
) -> Membership:
    """Change a client user's details, role and sites; refused if changed meanwhile."""
    role = changes.get("role", membership.user.role)
    if role not in CLIENT_ROLES:
        raise ServiceError(_("Choose a client role."), field="role")
    account_services.update_user(membership.user, changes, by=by, expected_version=expected_version)
    new_sites = list(sites if sites is not None else membership.sites.all())
    if role != Role.SITE_CONTACT:
        new_sites = []
    _check_sites(membership.client, role, new_sites)
    if {s.pk for s in new_sites} != set(membership.sites.values_list("pk", flat=True)):
        set_author(membership, by=by)
        membership.sites.set(new_sites)
    return membership
