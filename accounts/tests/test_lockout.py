"""Lock-out is keyed on the account and the address together.

Five wrong passwords from one address lock that account from that address
only: nobody can lock a colleague out from elsewhere.
"""

from django.core import checks

from accounts.tests.factories import PASSWORD

LOGIN = "/accounts/login/"
ADDRESS_A, ADDRESS_B = "203.0.113.10", "198.51.100.20"


def login(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def fail_five_times(client, email, **extra):
    answers = [login(client, email, "wrong", **extra).status_code for _attempt in range(5)]
    # The fifth failure is the one that locks.
    assert answers == [200, 200, 200, 200, 429]


def test_five_failures_from_one_address_lock_only_that_address(client, cast):
    email = cast.staff.operator.email
    fail_five_times(client, email, REMOTE_ADDR=ADDRESS_A)

    locked = login(client, email, PASSWORD, REMOTE_ADDR=ADDRESS_A)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "entered wrongly too many times from this IP address" in locked.text
    assert "locked for 30 minutes" in locked.text
    assert "Logging in from another IP address still works" in locked.text

    # The owner, at their own desk, is not locked out.
    elsewhere = type(client)()
    assert login(elsewhere, email, PASSWORD, REMOTE_ADDR=ADDRESS_B).status_code == 302
    # Nor is a colleague at the attacker's address.
    colleague = type(client)()
    assert (
        login(colleague, cast.staff.reviewer.email, PASSWORD, REMOTE_ADDR=ADDRESS_A).status_code
        == 302
    )


def test_behind_a_proxy_the_forwarded_client_address_counts(client, cast, settings):
    settings.TRUSTED_PROXIES = 1
    email = cast.staff.operator.email
    # Every request reaches the app from the proxy at 127.0.0.1.
    via_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    fail_five_times(client, email, HTTP_X_FORWARDED_FOR=ADDRESS_A, **via_proxy)
    assert (
        login(client, email, PASSWORD, HTTP_X_FORWARDED_FOR=ADDRESS_A, **via_proxy).status_code
        == 429
    )
    # A spoofed left-most entry does not get round it: the proxy appended the real one.
    spoofed = f"{ADDRESS_B}, {ADDRESS_A}"
    assert (
        login(client, email, PASSWORD, HTTP_X_FORWARDED_FOR=spoofed, **via_proxy).status_code == 429
    )
    # The owner, from their own address through the same proxy, logs in.
    owner = type(client)()
    assert (
        login(owner, email, PASSWORD, HTTP_X_FORWARDED_FOR=ADDRESS_B, **via_proxy).status_code
        == 302
    )


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, cast, settings):
    settings.TRUSTED_PROXIES = 0
    email = cast.staff.operator.email
    fail_five_times(client, email, REMOTE_ADDR=ADDRESS_A, HTTP_X_FORWARDED_FOR="10.0.0.1")
    rotated = login(client, email, PASSWORD, REMOTE_ADDR=ADDRESS_A, HTTP_X_FORWARDED_FOR="10.0.0.2")
    assert rotated.status_code == 429


def test_the_lockout_settings_need_no_silenced_warning(db, settings):
    assert "axes.W006" not in settings.SILENCED_SYSTEM_CHECKS
    messages = [m for m in checks.run_checks() if m.id.startswith("axes.")]
    assert messages == []
