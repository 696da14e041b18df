"""Who asks, and how a row says what each of them gets.

Every record a row names belongs to client B ("Nevsky"). The actors are:

======== ==============================================================
admin     the administrator (sees every client by rule, so has no
          "unassigned" twin)
inspector a quality inspector (likewise sees every client); the author
          of client B's draft inspection
am / am_a the account manager of client B / of client A only
sd / sd_a the service director of B's site / of A's sites only
wm / wm_a the work manager of B's site (owner of its actions) / of A's
tech      a technician assigned to nothing
ca / sc   client A's administrator and site contact
ca_b/sc_b client B's own administrator and site contact (the positive
          rows of the portal)
anon      nobody logged in, and on the API no token
======== ==============================================================

Pages are asked with a session, the API with a read-and-write token of the
same person. An expected outcome is a status code, or ``LOGIN`` (a 302 to the
login page: the view never ran) or ``HOME`` (a 302 to ``/``: staff sent from
the portal to their desk).
"""

LOGIN = "login"
HOME = "home"

STAFF = ("admin", "inspector", "am", "am_a", "sd", "sd_a", "wm", "wm_a", "tech")
CLIENT_A = ("ca", "sc")
CLIENT_B = ("ca_b", "sc_b")
CLIENTS = CLIENT_A + CLIENT_B
SIGNED_IN = STAFF + CLIENTS
ROLES = (*SIGNED_IN, "anon")

# Those who have nothing to do with client B: whatever they ask about B's
# records, they get exactly what a missing record gets, and they never read
# a name of client B anywhere.
STRANGERS = ("am_a", "sd_a", "wm_a", "tech", "ca", "sc", "anon")

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _names(roles) -> tuple[str, ...]:
    names = tuple(roles.split()) if isinstance(roles, str) else tuple(roles)
    unknown = set(names) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles {sorted(unknown)}; the roles are {ROLES}")
    return names


def _spread(status, roles, others, among) -> dict:
    named = _names(roles)
    return {role: (status if role in named else others) for role in among}


def staff_page(status=None, roles="", *, others=404) -> dict:
    """A desk page (``staff_required``): ``roles`` get ``status``, the other staff
    ``others``, every client user 403, nobody logged in the login page."""
    return {
        **_spread(status, roles, others, STAFF),
        **dict.fromkeys(CLIENTS, 403),
        "anon": LOGIN,
    }


def portal_page(status=None, roles="", *, others=404) -> dict:
    """A portal page (``client_user_required``): ``roles`` get ``status``, the other
    client users ``others``, staff are sent to their desk, nobody logged in logs in."""
    return {
        **dict.fromkeys(STAFF, HOME),
        **_spread(status, roles, others, CLIENTS),
        "anon": LOGIN,
    }


def signed_in(status=None, roles="", *, others=404) -> dict:
    """A page for everyone logged in (``login_required``)."""
    return {**_spread(status, roles, others, SIGNED_IN), "anon": LOGIN}


def tokens(status=None, roles="", *, others=404) -> dict:
    """An API endpoint: ``roles`` get ``status``, every other token ``others``,
    a request without a token 401."""
    return {**_spread(status, roles, others, SIGNED_IN), "anon": 401}


def everyone(status) -> dict:
    """The same answer whoever asks, e.g. 405 from ``require_POST`` before any login check."""
    return dict.fromkeys(ROLES, status)
