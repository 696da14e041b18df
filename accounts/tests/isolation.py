"""The isolation matrix's rows for accounts: log-in pages, profile, tokens, staff accounts."""

from accounts import services
from accounts.forms import StaffUserForm
from accounts.roles import Role
from api import tokens as api_tokens
from common.tests.isolation.roles import HOME, LOGIN, everyone, signed_in, staff_page, tokens
from common.tests.isolation.rows import api, page, posted


def _token(w):
    token, _text = api_tokens.create_token(w.user("ca_b"), name="Nevsky export", scope="write")
    return token


def _staff_invitee(w):
    """A technician invited to the staff who has not set a password yet."""
    return services.invite_user(
        by=w.user("admin"),
        email="tanel.invitee@clientdesk.example",
        full_name="Tanel Invitee",
        role=Role.TECHNICIAN,
    )


RECORDS = {
    # Staff accounts: administrators manage every one, nobody else any.
    "staff": lambda w: w.user("am"),
    "staff_invitee": _staff_invitee,
    "token": _token,
}


def _staff(w):
    return posted(StaffUserForm(instance=w["staff"]), full_name="Renamed by a probe")


def _new_staff(w):
    return {
        "full_name": "Probe Staff",
        "email": "probe@clientdesk.example",
        "role": Role.TECHNICIAN,
        "language": "en",
        "loaded_version": 1,
    }


def _bad_link(w):
    # Not a working link: who follows a stale link must not matter.
    return {"uidb64": "MQ", "token": "no-such-token"}


def _new_password(w):
    return {"new_password1": "a long new password", "new_password2": "a long new password"}


ROWS = [
    # Logging in, out and back: the same for everyone, nothing about any client.
    page(
        "accounts:login",
        data=lambda w: {"username": "nobody@example.com", "password": "wrong"},
        GET=signed_in(others=HOME) | {"anon": 200},
        POST=signed_in(others=HOME) | {"anon": 200},
        # Django's LoginView answers PUT like POST and has no PATCH or DELETE.
        PUT=signed_in(others=HOME) | {"anon": 200},
        PATCH=signed_in(others=HOME) | {"anon": 405},
        DELETE=signed_in(others=HOME) | {"anon": 405},
    ),
    page("accounts:logout", GET=everyone(405), POST=everyone(LOGIN), OTHER=everyone(405)),
    page(
        "accounts:password_reset",
        data=lambda w: {"email": "nobody@example.com"},
        GET=everyone(200),
        POST=everyone(302),
        PUT=everyone(200),
        PATCH=everyone(405),
        DELETE=everyone(405),
    ),
    page(
        "accounts:password_reset_done",
        GET=everyone(200),
        POST=everyone(405),
        OTHER=everyone(405),
    ),
    *(
        page(
            name,
            kwargs=_bad_link,
            data=_new_password,
            GET=everyone(200),
            POST=everyone(200),
            OTHER=everyone(200),
        )
        for name in ("accounts:password_reset_confirm", "accounts:invitation")
    ),
    page(
        "accounts:set_language",
        data=lambda w: {"language": "et", "next": "/accounts/profile/"},
        GET=everyone(405),
        POST=everyone(302),
        OTHER=everyone(405),
    ),
    # One's own profile and tokens.
    page(
        "accounts:profile",
        data=lambda w: {"full_name": "Renamed by a probe", "language": "en", "loaded_version": 1},
        GET=signed_in(others=200),
        POST=signed_in(others=302),
        OTHER=signed_in(others=200),
    ),
    page(
        "accounts:tokens",
        needs=("token",),
        data=lambda w: {"name": "Probe", "scope": "read", "days": "30"},
        # A new token is shown once, on the page itself, instead of a redirect.
        saved_answers={"POST": (200,)},
        GET=signed_in(others=200),
        POST=signed_in(others=200),
        OTHER=signed_in(others=200),
    ),
    page(
        "accounts:token_revoke",
        "token",
        GET=signed_in(others=405),
        POST=signed_in(302, "ca_b"),
        OTHER=signed_in(others=405),
    ),
    # Staff accounts: the administrator's pages.
    page(
        "accounts:staff_list",
        GET=staff_page(200, "admin", others=403),
        POST=staff_page(200, "admin", others=403),
        OTHER=staff_page(200, "admin", others=403),
    ),
    page(
        "accounts:staff_invite",
        data=_new_staff,
        GET=staff_page(200, "admin", others=403),
        POST=staff_page(302, "admin", others=403),
        OTHER=staff_page(200, "admin", others=403),
    ),
    page(
        "accounts:staff_user_detail",
        "staff",
        GET=staff_page(200, "admin"),
        POST=staff_page(200, "admin"),
        OTHER=staff_page(200, "admin"),
    ),
    page(
        "accounts:staff_edit",
        "staff",
        data=_staff,
        GET=staff_page(200, "admin"),
        POST=staff_page(302, "admin"),
        OTHER=staff_page(200, "admin"),
    ),
    page(
        "accounts:staff_resend_invitation",
        "staff_invitee",
        GET=everyone(405),
        POST=staff_page(302, "admin"),
        OTHER=everyone(405),
    ),
    page(
        "accounts:staff_set_active",
        "staff",
        data=lambda w: {"active": "0"},
        GET=everyone(405),
        POST=staff_page(302, "admin"),
        OTHER=everyone(405),
    ),
    api(
        "api:me",
        GET=tokens(others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:staff-user-list",
        # Everyone may ask; only the administrator's list has anyone in it.
        GET=tokens(others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:staff-user-detail",
        "staff",
        GET=tokens(200, "admin"),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
]
