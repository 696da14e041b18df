"""The isolation matrix's rows for clients, sites and client users (see common/tests/isolation)."""

from accounts.roles import Role
from clients import services
from clients.forms import ClientUserForm, SiteForm
from clients.models import Site
from clients.tests.forms import client_form
from common.tests.isolation.roles import everyone, portal_page, staff_page, tokens
from common.tests.isolation.rows import api, page, posted


def _invitee(w):
    """A site contact of client B who has not accepted the invitation yet."""
    return services.invite_client_user(
        by=w.user("am"),
        client=w["client"],
        email="ivan.invitee@nevsky.example",
        full_name="Ivan Invitee",
        role=Role.SITE_CONTACT,
        sites=[w["site"]],
        language="ru",
        phone="",
    )


RECORDS = {
    "client": lambda w: w.cast.client_b,
    "site": lambda w: w.cast.site_b1,
    "client_admin": lambda w: w.cast.admin_b,
    "site_contact": lambda w: w.cast.contact_b,
    "invitee": _invitee,
}


def _client(w):
    return client_form(w["client"], name="Renamed by a probe")


def _new_client(w):
    return client_form(w["client"], name="Probe client", registry_code="99999999")


def _new_site(w):
    return posted(SiteForm(instance=Site(client=w["client"])), name="Probe site", address="Probe 1")


def _site(w):
    return posted(SiteForm(instance=w["site"]), name="Renamed by a probe")


def _invitation(w):
    return {
        "full_name": "Probe Person",
        "email": "probe@nevsky.example",
        "role": Role.SITE_CONTACT,
        "language": "en",
        "sites": [w["site"].pk],
        "loaded_version": 1,
    }


def _member(w):
    membership = w["site_contact"]
    form = ClientUserForm(instance=membership.user, client=membership.client)
    return posted(form, full_name="Renamed by a probe")


def _deactivate(w):
    return {"active": "0"}


STRANGE_STAFF = "am_a sd_a wm_a tech"  # staff with nothing to do with client B

ROWS = [
    # The desk: staff see the clients and sites they work for, managers change them.
    page(
        "clients:client_list",
        needs=("site_contact",),
        GET=staff_page(others=200),
        POST=staff_page(others=200),
        OTHER=staff_page(others=200),
    ),
    page(
        "clients:client_create",
        data=_new_client,
        GET=staff_page(200, "admin", others=403),
        POST=staff_page(302, "admin", others=403),
        OTHER=staff_page(200, "admin", others=403),
    ),
    page(
        "clients:client_detail",
        "client",
        GET=staff_page(404, STRANGE_STAFF, others=200),
        POST=staff_page(404, STRANGE_STAFF, others=200),
        OTHER=staff_page(404, STRANGE_STAFF, others=200),
    ),
    page(
        "clients:client_sites",
        "client",
        GET=staff_page(404, STRANGE_STAFF, others=200),
        POST=everyone(405),
        OTHER=everyone(405),
    ),
    page(
        "clients:client_user_list",
        "client",
        GET=staff_page(404, STRANGE_STAFF, others=200),
        POST=everyone(405),
        OTHER=everyone(405),
    ),
    page(
        "clients:client_history",
        "client",
        GET=staff_page(200, "admin am"),
        POST=everyone(405),
        OTHER=everyone(405),
    ),
    page(
        "clients:client_edit",
        "client",
        data=_client,
        GET=staff_page(200, "admin am"),
        POST=staff_page(302, "admin am"),
        OTHER=staff_page(200, "admin am"),
    ),
    page(
        "clients:site_create",
        "client",
        data=_new_site,
        GET=staff_page(200, "admin am"),
        POST=staff_page(302, "admin am"),
        OTHER=staff_page(200, "admin am"),
    ),
    page(
        "clients:client_user_invite",
        "client",
        data=_invitation,
        GET=staff_page(200, "admin am"),
        POST=staff_page(302, "admin am"),
        OTHER=staff_page(200, "admin am"),
    ),
    page(
        "clients:site_detail",
        "site",
        GET=staff_page(404, STRANGE_STAFF, others=200),
        POST=staff_page(404, STRANGE_STAFF, others=200),
        OTHER=staff_page(404, STRANGE_STAFF, others=200),
    ),
    page(
        "clients:site_edit",
        "site",
        data=_site,
        GET=staff_page(200, "admin am"),
        POST=staff_page(302, "admin am"),
        OTHER=staff_page(200, "admin am"),
    ),
    page(
        "clients:client_user_edit",
        "site_contact",
        data=_member,
        GET=staff_page(200, "admin am"),
        POST=staff_page(302, "admin am"),
        OTHER=staff_page(200, "admin am"),
    ),
    page(
        "clients:client_user_resend",
        "invitee",
        GET=everyone(405),
        POST=staff_page(302, "admin am"),
        OTHER=everyone(405),
    ),
    page(
        "clients:client_user_set_active",
        "site_contact",
        data=_deactivate,
        GET=everyone(405),
        POST=staff_page(302, "admin am"),
        OTHER=everyone(405),
    ),
    # The portal: a client's people see their own sites; its administrator manages its users.
    page(
        "portal:home",
        needs=("site_contact",),
        GET=portal_page(others=200),
        POST=portal_page(others=200),
        OTHER=portal_page(others=200),
    ),
    page(
        "portal:site_detail",
        "site",
        GET=portal_page(200, "ca_b sc_b"),
        POST=portal_page(200, "ca_b sc_b"),
        OTHER=portal_page(200, "ca_b sc_b"),
    ),
    page(
        "portal:user_list",
        needs=("site_contact",),
        GET=portal_page(403, "sc sc_b", others=200),
        POST=portal_page(403, "sc sc_b", others=200),
        OTHER=portal_page(403, "sc sc_b", others=200),
    ),
    page(
        "portal:user_invite",
        # Client A's administrator may not name client B's site: the form refuses it.
        data=_invitation,
        GET=portal_page(403, "sc sc_b", others=200),
        POST=portal_page(403, "sc sc_b", others=200) | {"ca_b": 302},
        OTHER=portal_page(403, "sc sc_b", others=200),
    ),
    page(
        "portal:user_edit",
        "site_contact",
        data=_member,
        GET=portal_page(404, "ca", others=403) | {"ca_b": 200},
        POST=portal_page(404, "ca", others=403) | {"ca_b": 302},
        OTHER=portal_page(404, "ca", others=403) | {"ca_b": 200},
    ),
    page(
        "portal:user_resend",
        "invitee",
        GET=everyone(405),
        POST=portal_page(404, "ca", others=403) | {"ca_b": 302},
        OTHER=everyone(405),
    ),
    page(
        "portal:user_set_active",
        "site_contact",
        data=_deactivate,
        GET=everyone(405),
        POST=portal_page(404, "ca", others=403) | {"ca_b": 302},
        OTHER=everyone(405),
    ),
    # The API: the same rules over tokens.
    api(
        "api:client-list",
        needs=("site_contact",),
        data=lambda w: {"kind": "organisation", "name": "Probe client", "language": "en"},
        GET=tokens(others=200),
        POST=tokens(201, "admin", others=403),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:client-detail",
        "client",
        data=lambda w: {"name": "Renamed by a probe", "version": w["client"].version},
        GET=tokens(404, "am_a sd_a wm_a tech ca sc", others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(200, "admin am"),
        DELETE=tokens(others=405),
    ),
    api(
        "api:site-list",
        needs=("site_contact",),
        # Naming client B: its managers create the site; for everyone else, B's own
        # people included, B is not a client they may add a site to: the client
        # field's 400, as for a missing id (never the URL's 404).
        data=lambda w: {"client": w["client"].pk, "name": "Probe site", "address": "Probe 1"},
        GET=tokens(others=200),
        POST=tokens(201, "admin am", others=400),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:site-detail",
        "site",
        data=lambda w: {"name": "Renamed by a probe", "version": w["site"].version},
        GET=tokens(404, "am_a sd_a wm_a tech ca sc", others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(200, "admin am"),
        DELETE=tokens(others=405),
    ),
    api(
        "api:client-user-list",
        needs=("site_contact",),
        data=lambda w: {
            "client": w["client"].pk,
            "full_name": "Probe Person",
            "email": "probe@nevsky.example",
            "role": Role.SITE_CONTACT,
            "sites": [w["site"].pk],
        },
        GET=tokens(others=200),
        POST=tokens(201, "admin am ca_b", others=400) | {"sc_b": 404},
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:client-user-detail",
        "site_contact",
        data=lambda w: {
            "full_name": "Renamed by a probe",
            "version": w["site_contact"].user.version,
        },
        GET=tokens(404, "am_a sd_a wm_a tech ca sc sc_b", others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(200, "admin am ca_b"),
        DELETE=tokens(others=405),
    ),
    *(
        api(
            name,
            kind,
            GET=tokens(others=405),
            POST=tokens(200, "admin am ca_b"),
            PUT=tokens(others=405),
            PATCH=tokens(others=405),
            DELETE=tokens(others=405),
        )
        for name, kind in [
            ("api:client-user-deactivate", "site_contact"),
            ("api:client-user-reactivate", "site_contact"),
            ("api:client-user-resend-invitation", "invitee"),
        ]
    ),
]
