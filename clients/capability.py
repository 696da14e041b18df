"""What clients and sites add to Clientdesk (see common.capabilities)."""

from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from common.capabilities import (
    ApiRoute,
    BenchData,
    BenchScenarios,
    ClientTab,
    DemoData,
    Landing,
    Nav,
    Picker,
    SiteTab,
    Urls,
    register,
)


def _is_client_admin(user) -> bool:
    return user.role == Role.CLIENT_ADMIN


register(
    Urls("desk/", "clients.urls.staff"),
    Urls("portal/", "clients.urls.portal"),
    Nav("staff", _("Clients"), "clients:client_list", order=10),
    Nav("portal", _("My sites"), "portal:home", order=10),
    Nav("portal", _("Users"), "portal:user_list", order=20, visible_to=_is_client_admin),
    # Staff whose role has no page of its own start on the client list
    # (administrators, account managers, service directors, operators,
    # reviewers, technicians); a client's people on their sites.
    Landing("staff", "clients:client_list"),
    Landing("portal", "portal:home"),
    SiteTab("staff", _("Overview"), "clients:site_detail", order=0),
    ClientTab(_("Overview"), "clients:client_detail", order=0),
    ClientTab(_("Sites"), "clients:client_sites", order=10),
    ClientTab(_("Client users"), "clients:client_user_list", order=20),
    ClientTab(_("History"), "clients:client_history", order=90, managers_only=True),
    SiteTab("portal", _("Overview"), "portal:site_detail", order=0),
    ApiRoute("clients", "clients.api.ClientViewSet", "client"),
    ApiRoute("sites", "clients.api.SiteViewSet", "site"),
    ApiRoute("client-users", "clients.api.ClientUserViewSet", "client-user"),
    DemoData("clients.demo.seed", order=10, logins="clients.demo.logins"),
    BenchData("clients.bench.build", order=20),
    BenchScenarios("clients.bench_scenarios.scenarios", order=10),
    Picker(
        "clients",
        "clients.access.clients_visible_to",
        search=("name__icontains", "registry_code__icontains"),
        ordering=("name", "pk"),
    ),
    Picker(
        "sites",
        "clients.access.sites_visible_to",
        search=("name__icontains", "address__icontains", "client__name__icontains"),
        ordering=("name", "pk"),
        detail="client.name",
    ),
)
