"""The staff desk: clients, their sites and their users."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clients import access, kept, queries, services
from clients.forms import ClientForm, SiteForm
from clients.models import Client, Membership, Site
from clients.views import client_users
from common.history_pages import history_page, history_section
from common.keyset import keyset_page
from common.views import render_with_results, save_form, search_text, staff_required


@staff_required
def client_list(request):
    query = search_text(request)
    needs_new_owner = request.GET.get("needs_new_owner") == "1"
    page = keyset_page(
        request,
        queries.client_list(request.user, query, needs_new_owner=needs_new_owner),
        ("name", "pk"),
        rows=queries.client_rows,
    )
    return render_with_results(
        request,
        "clients/staff/client_list.html",
        {
            "page": page,
            "query": query,
            "needs_new_owner": needs_new_owner,
            "can_create": access.can_create_clients(request.user),
        },
    )


@staff_required
def client_create(request):
    if not access.can_create_clients(request.user):
        raise PermissionDenied
    form = ClientForm(request.POST or None, instance=Client(), can_assign_account_manager=True)
    client = save_form(
        form,
        lambda: services.create_client(by=request.user, **form.values()),
        request,
        _("The client is registered."),
    )
    if client:
        return redirect(client.get_staff_url())
    return render(request, "clients/staff/client_form.html", {"form": form, "creating": True})


@staff_required
def client_detail(request, pk):
    """A client's overview: its details, its account manager, and how many sites
    and people it has (each its own tab), with the sites that need a new owner."""
    client = queries.desk_client(request.user, pk)
    return render(
        request,
        "clients/staff/client_detail.html",
        {
            "client": client,
            "counts": queries.client_counts(request.user, client),
            "can_manage": access.can_manage_client(request.user, client),
        },
    )


def _client_tab(request, pk, template, listed, ordering, rows, loaded=None):
    """A tab listing one of a client's kinds of record: ``listed(user, client,
    query)`` found by the search box, a keyset page of ``ordering`` at a time."""
    client = queries.desk_client(request.user, pk)
    query = search_text(request)
    page = keyset_page(
        request, listed(request.user, client, query), ordering, rows=rows, loaded=loaded
    )
    return render_with_results(
        request,
        template,
        {
            "client": client,
            "page": page,
            "query": query,
            "can_manage": access.can_manage_client(request.user, client),
        },
    )


@require_GET
@staff_required
def client_sites(request, pk):
    """A client's sites, found by name or address, a page at a time."""
    return _client_tab(
        request,
        pk,
        "clients/staff/client_sites.html",
        queries.sites_of_client,
        ("name", "pk"),
        queries.site_rows,
    )


@require_GET
@staff_required
def client_user_list(request, pk):
    """A client's people, found by name or e-mail, a page at a time."""
    return _client_tab(
        request,
        pk,
        "clients/staff/client_user_list.html",
        queries.members_of_client,
        ("user_name", "pk"),
        queries.member_rows,
        queries.load_site_names,
    )


@require_GET
@staff_required
def client_history(request, pk):
    """The client's, its sites' and its people's changes, a page at a time
    (common.history_pages): a tab of the client's page for those who manage it."""
    client = access.get_manageable_client_for(request.user, pk)
    history = history_section(
        request,
        (kept.SCOPE, client.pk, "history"),
        Client.history.filter(id=client.pk),
        Site.history.filter(client_id=client.pk),
        Membership.history.filter(client_id=client.pk),
    )
    return render(
        request,
        "clients/staff/client_history.html",
        {"client": client, "history": history, "can_manage": True},
    )


@staff_required
def client_edit(request, pk):
    client = access.get_manageable_client_for(request.user, pk)
    form = ClientForm(
        request.POST or None,
        instance=client,
        can_assign_account_manager=access.can_assign_account_manager(request.user),
    )

    def update():
        return services.update_client(
            client,
            form.changes(),
            by=request.user,
            expected_version=form.cleaned_data["loaded_version"],
        )

    if save_form(form, update, request, _("The changes are saved.")):
        return redirect(client.get_staff_url())
    return render(request, "clients/staff/client_form.html", {"form": form, "client": client})


@staff_required
def site_create(request, client_pk):
    client = access.get_manageable_client_for(request.user, client_pk)
    form = SiteForm(request.POST or None, instance=Site(client=client))
    site = save_form(
        form,
        lambda: services.create_site(client, by=request.user, **form.values()),
        request,
        _("The site is added."),
    )
    if site:
        return redirect(site.get_staff_url())
    return render(
        request, "clients/staff/site_form.html", {"form": form, "client": client, "creating": True}
    )


@staff_required
def site_detail(request, pk):
    site = queries.desk_site(request.user, pk)
    can_manage = access.can_manage_client(request.user, site.client)
    return render(
        request,
        "clients/staff/site_detail.html",
        {
            "site": site,
            "can_manage": can_manage,
            "history": history_page(request, Site.history.filter(id=site.pk))
            if can_manage
            else None,
        },
    )


@staff_required
def site_edit(request, pk):
    site = access.get_manageable_site_for(request.user, pk)
    form = SiteForm(request.POST or None, instance=site)

    def update():
        return services.update_site(
            site,
            form.changes(),
            by=request.user,
            expected_version=form.cleaned_data["loaded_version"],
        )

    if save_form(form, update, request, _("The changes are saved.")):
        return redirect(site.get_staff_url())
    return render(
        request, "clients/staff/site_form.html", {"form": form, "client": site.client, "site": site}
    )


def _people_of(client) -> str:
    return reverse("clients:client_user_list", args=[client.pk])


@staff_required
def client_user_invite(request, client_pk):
    client = access.get_manageable_client_for(request.user, client_pk)
    return client_users.invite(request, client, done_url=_people_of(client))


@staff_required
def client_user_edit(request, pk):
    membership = access.get_membership_for(request.user, pk)
    return client_users.edit(request, membership, done_url=_people_of(membership.client))


@require_POST
@staff_required
def client_user_resend(request, pk):
    membership = access.get_membership_for(request.user, pk)
    return client_users.resend(request, membership, done_url=_people_of(membership.client))


@require_POST
@staff_required
def client_user_set_active(request, pk):
    membership = access.get_membership_for(request.user, pk)
    return client_users.set_active(request, membership, done_url=_people_of(membership.client))
