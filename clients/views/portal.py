"""The client portal: my sites, my contacts, and (for a client administrator) my users."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from clients import access, queries
from clients.views import client_users
from common.keyset import keyset_page
from common.views import client_user_required, render_with_results, search_text


@client_user_required
def home(request):
    """My sites: each with its service director, and the account manager for them all.

    A page at a time, found by name or address: a chain has hundreds of sites.
    """
    query = search_text(request)
    return render_with_results(
        request,
        "clients/portal/home.html",
        {
            "client": queries.portal_client(request.user),
            "page": keyset_page(
                request,
                # A card shows a site's service director, not its work manager.
                queries.portal_sites(request.user, query, contacts=("service_director",)),
                ("name", "pk"),
            ),
            "query": query,
        },
    )


@client_user_required
def site_detail(request, pk):
    site = queries.portal_site(request.user, pk)
    return render(
        request,
        "clients/portal/site_detail.html",
        {
            "site": site,
            "client": queries.portal_client(request.user),
        },
    )


def _own_client(request):
    """The client whose users this client administrator manages; 403 for anyone else."""
    client = access.client_administered_by(request.user)
    if client is None:
        raise PermissionDenied
    return client


@client_user_required
def user_list(request):
    client = _own_client(request)
    return render(
        request,
        "clients/portal/user_list.html",
        {
            "client": client,
            "members": keyset_page(
                request,
                queries.portal_members(request.user),
                ("user_name", "pk"),
                rows=queries.member_rows,
                loaded=queries.load_site_names,
            ),
        },
    )


@client_user_required
def user_invite(request):
    client = _own_client(request)
    return client_users.invite(request, client, done_url=reverse("portal:user_list"))


@client_user_required
def user_edit(request, pk):
    _own_client(request)
    membership = access.get_membership_for(request.user, pk)
    return client_users.edit(request, membership, done_url=reverse("portal:user_list"))


@require_POST
@client_user_required
def user_resend(request, pk):
    _own_client(request)
    membership = access.get_membership_for(request.user, pk)
    return client_users.resend(request, membership, done_url=reverse("portal:user_list"))


@require_POST
@client_user_required
def user_set_active(request, pk):
    _own_client(request)
    membership = access.get_membership_for(request.user, pk)
    return client_users.set_active(request, membership, done_url=reverse("portal:user_list"))
