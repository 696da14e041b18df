"""The fixed cast every test can call on, like healthchecks' alice and bob.

Client A ("Measika") has two stores; client B ("Nevsky") has one office.
Each client has an administrator and a site contact; the provider has one
person per staff role, assigned to client A's sites, and an account manager
for client B who has nothing to do with client A.
"""

import socket
import threading
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from clients.tests.factories import ClientFactory, MembershipFactory, SiteFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and kept parts of pages live in the caches; ids repeat
    across tests, so start empty."""
    from django.core.cache import caches

    caches["default"].clear()
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a page or mail in another language must not leak on."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to its own directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(db):
    staff = SimpleNamespace(
        admin=UserFactory(
            role=Role.ADMINISTRATOR, full_name="Ada Admin", is_staff=True, is_superuser=True
        ),
        account_manager=UserFactory(
            role=Role.ACCOUNT_MANAGER,
            full_name="Marko Kask",
            phone="+372 5123 4567",
            title="Key accounts",
        ),
        other_account_manager=UserFactory(role=Role.ACCOUNT_MANAGER, full_name="Irina Volkova"),
        service_director=UserFactory(
            role=Role.SERVICE_DIRECTOR, full_name="Tiina Saar", phone="+372 5234 5678"
        ),
        work_manager=UserFactory(role=Role.WORK_MANAGER, full_name="Jaan Oja"),
        inspector=UserFactory(role=Role.QUALITY_INSPECTOR, full_name="Liis Mägi"),
        operator=UserFactory(role=Role.OPERATOR, full_name="Elena Kuznetsova"),
        reviewer=UserFactory(role=Role.REVIEWER, full_name="Peeter Lepp"),
        technician=UserFactory(role=Role.TECHNICIAN, full_name="Wang Wei"),
        idle_director=UserFactory(role=Role.SERVICE_DIRECTOR, full_name="Nobody Assigned"),
    )
    client_a = ClientFactory(
        name="Measika kaubanduse OÜ",
        account_manager=staff.account_manager,
        internal_notes="Secret margin notes for A",
    )
    site_a1 = SiteFactory(
        client=client_a,
        name="Mammu",
        address="Ühe tee 15",
        service_director=staff.service_director,
        work_manager=staff.work_manager,
        internal_notes="Alarm code 1234",
    )
    site_a2 = SiteFactory(
        client=client_a,
        name="Kadaka",
        service_director=staff.service_director,
        work_manager=staff.work_manager,
    )
    client_b = ClientFactory(
        name="Nevsky Business Centre", account_manager=staff.other_account_manager
    )
    site_b1 = SiteFactory(
        client=client_b,
        name="Tower B-One",
        address="Nevsky prospekt 100",
        service_director=UserFactory(role=Role.SERVICE_DIRECTOR),
        work_manager=None,
    )
    admin_a = MembershipFactory(
        client=client_a,
        user__full_name="Mari Kuusk",
        user__role=Role.CLIENT_ADMIN,
        user__email="mari@measika.example",
    )
    contact_a = MembershipFactory(
        client=client_a,
        user__full_name="Toomas Rebane",
        user__role=Role.SITE_CONTACT,
        sites=[site_a1],
    )
    admin_b = MembershipFactory(
        client=client_b, user__full_name="Andrei Sokolov", user__role=Role.CLIENT_ADMIN
    )
    contact_b = MembershipFactory(
        client=client_b,
        user__full_name="Natalia Morozova",
        user__role=Role.SITE_CONTACT,
        sites=[site_b1],
    )
    return SimpleNamespace(
        staff=staff,
        password=PASSWORD,
        client_a=client_a,
        site_a1=site_a1,
        site_a2=site_a2,
        client_b=client_b,
        site_b1=site_b1,
        admin_a=admin_a,
        contact_a=contact_a,
        admin_b=admin_b,
        contact_b=contact_b,
    )


@pytest.fixture
def count_queries():
    """Run a callable and return (its result, the number of queries it made)."""

    def run(action):
        with CaptureQueriesContext(connection) as context:
            result = action()
        return result, len(context.captured_queries)

    return run


class _Inbox:
    """Collects what a real SMTP server on loopback received."""

    def __init__(self):
        self.messages = []
        self.received = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        self.received.set()
        return "250 Message accepted for delivery"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on loopback; Django's default mailer points at it.

    ``smtp_server.stop()`` and ``.start()`` take it down and bring it back on
    the same port, for the tests of what happens while mail is down.
    """
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    inbox.port = port
    running = [controller]

    def stop():
        running.pop().stop()

    def start():
        fresh = Controller(inbox, hostname="127.0.0.1", port=port)
        fresh.start()
        running.append(fresh)

    inbox.stop, inbox.start = stop, start
    yield inbox
    for server in running:
        server.stop()
