"""The world a row runs in: the cast, client B's records made on demand, one
logged-in client per role, and snapshots that prove a refused write changed
nothing."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.test import Client as PageClient
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from api import tokens
from clients.models import Client, Site

SECRET_OF_B = "Secret margin notes for B"


def _actors(cast) -> dict:
    # Client B keeps notes of its own that only its managers may read.
    Client.objects.filter(pk=cast.client_b.pk).update(internal_notes=SECRET_OF_B)
    cast.client_b.refresh_from_db()
    # Client B's site gets a work manager of its own: its actions are theirs.
    work_manager_b = UserFactory(role=Role.WORK_MANAGER, full_name="Boris Workman")
    Site.objects.filter(pk=cast.site_b1.pk).update(work_manager=work_manager_b)
    cast.site_b1.refresh_from_db()
    return {
        "admin": cast.staff.admin,
        "inspector": cast.staff.inspector,
        "am": cast.staff.other_account_manager,
        "am_a": cast.staff.account_manager,
        "sd": cast.site_b1.service_director,
        "sd_a": cast.staff.service_director,
        "wm": work_manager_b,
        "wm_a": cast.staff.work_manager,
        "tech": cast.staff.technician,
        "ca": cast.admin_a.user,
        "sc": cast.contact_a.user,
        "ca_b": cast.admin_b.user,
        "sc_b": cast.contact_b.user,
        "anon": None,
    }


def our_apps():
    """The installed apps of this project, not Django's or a library's."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.parts:
            yield config


def _local_models() -> list[type[models.Model]]:
    """Every model of our own apps, history tables included."""
    return [m for config in our_apps() for m in config.get_models() if m._meta.managed]


class World:
    """Client B's records by kind, each made the first time a row asks for it."""

    def __init__(self, cast, factories: dict):
        self.cast = cast
        self.actors = _actors(cast)
        self._factories = factories
        self._records: dict = {}
        self._clients: dict = {}
        self._count_sql = None

    def __getitem__(self, kind):
        if kind not in self._records:
            if kind not in self._factories:
                raise KeyError(f"No app's tests/isolation.py makes a record of kind {kind!r}")
            self._records[kind] = self._factories[kind](self)
        return self._records[kind]

    def user(self, role):
        return self.actors[role]

    def client(self, role, *, api: bool):
        """A client logged in as ``role``: a session for pages, a token for the API."""
        key = (role, api)
        if key not in self._clients:
            user = self.actors[role]
            if api:
                client = APIClient()
                if user is not None:
                    _token, text = tokens.create_token(user, name="Isolation", scope="write")
                    client.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
            else:
                client = PageClient()
                if user is not None:
                    client.force_login(user)
            # A server error is a wrong cell like any other, listed with the rest.
            client.raise_request_exception = False
            self._clients[key] = client
        return self._clients[key]

    def names_of_b(self) -> list[str]:
        """Words that only client B's records contain."""
        cast = self.cast
        return [
            cast.client_b.name,
            cast.site_b1.name,
            cast.admin_b.user.full_name,
            cast.contact_b.user.email,
            SECRET_OF_B,
        ]

    # Snapshots -----------------------------------------------------------

    def counts(self) -> tuple:
        """How many rows each of our tables holds, in one query."""
        if self._count_sql is None:
            quote = connection.ops.quote_name
            tables = sorted({m._meta.db_table for m in _local_models()})
            self._count_tables = tables
            parts = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
            self._count_sql = f"SELECT {parts}"
        with connection.cursor() as cursor:
            cursor.execute(self._count_sql)
            return tuple(cursor.fetchone())

    def count_changes(self, before: tuple, after: tuple) -> list[str]:
        return [
            f"{table}: {old} rows -> {new}"
            for table, old, new in zip(self._count_tables, before, after, strict=True)
            if old != new
        ]


def watched(record) -> list[models.Model]:
    """The record and what it owns one-to-one (a membership's user account)."""
    if record is None:
        return []
    found = [record]
    for field in record._meta.concrete_fields:
        if isinstance(field, models.OneToOneField) and not field.remote_field.parent_link:
            related = getattr(record, field.name, None)
            if related is not None:
                found.append(related)
    return found


def stored(records: list[models.Model]) -> list:
    """What the database holds for ``records`` now (None for a deleted one)."""
    return [type(r)._base_manager.filter(pk=r.pk).values().first() for r in records]


def differences(records, before, after) -> list[str]:
    found = []
    for record, old, new in zip(records, before, after, strict=True):
        label = f"{type(record).__name__} {record.pk}"
        if new is None:
            found.append(f"{label} was deleted")
            continue
        found.extend(
            f"{label}.{name}: {old[name]!r} -> {new[name]!r}"
            for name in old
            if old[name] != new[name]
        )
    return found
