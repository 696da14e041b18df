"""Apps plug in: what each registers shows up (that no lower app imports a higher
one is common/tests/test_layers.py)."""

import pytest
from django.urls import reverse
from django.utils.module_loading import import_string

from common import capabilities


def _menu(client, user, path):
    client.force_login(user)
    items = client.get(path).context["nav_items"]
    return [(str(item["label"]), item["url"], item["active"]) for item in items]


def test_an_administrator_sees_the_whole_desk_menu_with_the_current_page_marked(client, cast):
    assert _menu(client, cast.staff.admin, reverse("accounts:staff_list")) == [
        ("Clients", "/desk/clients/", False),
        ("Quality", "/desk/quality/", False),
        ("Staff", "/accounts/staff/", True),
        ("Outbox", "/notifications/outbox/", False),
        ("Webhooks", "/webhooks/", False),
        ("Configuration", "/admin/", False),
    ]


def test_other_staff_see_clients_and_quality_only(client, cast):
    assert _menu(client, cast.staff.operator, reverse("quality:schedule")) == [
        ("Clients", "/desk/clients/", False),
        ("Quality", "/desk/quality/", True),
    ]


def test_a_client_administrator_sees_their_sites_and_users(client, cast):
    assert _menu(client, cast.admin_a.user, reverse("portal:user_list")) == [
        ("My sites", "/portal/", False),
        ("Users", "/portal/users/", True),
    ]


def test_a_site_contact_sees_only_their_sites(client, cast):
    assert _menu(client, cast.contact_a.user, reverse("portal:home")) == [
        ("My sites", "/portal/", True),
    ]


@pytest.mark.parametrize(
    ("face", "names"),
    [
        ("staff", ["clients:site_detail", "quality:site"]),
        ("portal", ["portal:site_detail", "portal_quality:site"]),
    ],
)
def test_a_sites_page_has_its_overview_first_then_the_apps_tabs(face, names):
    assert [tab.url_name for tab in capabilities.site_tabs(face)] == names


def test_every_registered_module_view_viewset_and_seed_imports():
    for urls in capabilities.url_includes():
        import_string(urls.module + ".urlpatterns")
    for route in capabilities.api_routes():
        import_string(route.viewset)
    for extra in capabilities.api_paths():
        import_string(extra.view)
    for demo in capabilities.demo_data():
        import_string(demo.seed)
        if demo.logins:
            import_string(demo.logins)
