"""``manage.py bench_data --scale large|small|tiny [--fresh]``: the company at scale.

Creates the PostgreSQL database DATABASE_URL names if it does not exist,
refuses a database that already holds data (``--fresh`` drops it and
creates it again: everything in it is lost), migrates it, runs every app's
part (common.benchdata), then VACUUM ANALYZE, and prints how long each part
took and the benchmark's logins as JSON.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from common import benchdata
from common.benchdata import SCALES, Run

# Tables migrate itself fills; rows there do not make a database "used".
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission"}


class Command(BaseCommand):
    help = "Build the company at scale for benchmarks (make bench-data) in an empty database."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="large")
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="DROP the PostgreSQL database DATABASE_URL names and create it again first. "
            "Everything in it is lost.",
        )

    def handle(self, *args, scale, fresh, **options):
        database = connections["default"].settings_dict
        name = database["NAME"]
        if connection.vendor == "postgresql":
            self._create(database, fresh=fresh)
        elif fresh:
            raise CommandError("--fresh drops PostgreSQL databases only; remove the file instead.")
        if self._holds_data():
            raise CommandError(
                f"The database {name} already holds data; bench_data fills only an empty one. "
                "Run it with --fresh to DROP the database and build it again."
            )
        run = Run(scale, out=self.stdout)
        run.say(f"Building the company at scale {scale} ({run.scale:g}) in {name}.")
        with run.part("migrate"):
            call_command("migrate", interactive=False, verbosity=0)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # A database we can always build again: waiting for the disk at
                # every commit buys nothing.
                cursor.execute("SET synchronous_commit TO off")
        benchdata.build(run)
        with run.part("vacuum analyze"), connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
        run.say("")
        for line in run.timings.summary():
            run.say(line)
        run.say("")
        run.say("Rows per table:")
        for label, count in _counts():
            run.say(f"  {label:<45}{count:>12,}")
        run.say("")
        run.say("Benchmark logins (password: DEMO_PASSWORD, clientdesk-demo), as JSON:")
        targets = {key: value for key, value in benchdata.TARGETS.items()}
        targets.update(run.shared.get("targets", {}))
        targets["scale"] = scale
        self.stdout.write(json.dumps(targets, ensure_ascii=False, sort_keys=True))

    def _create(self, database: dict, *, fresh: bool) -> None:
        """Create the database if it is missing; with ``fresh``, drop it first."""
        import psycopg
        from psycopg import sql

        name = database["NAME"]
        server = psycopg.connect(
            dbname="postgres",
            host=database.get("HOST") or None,
            port=database.get("PORT") or None,
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
            autocommit=True,
        )
        with server:
            exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            found = exists.fetchone() is not None
            if found and fresh:
                self.stdout.write(f"--fresh: dropping the database {name} and everything in it.")
                connection.close()
                try:
                    server.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
                except psycopg.errors.ObjectInUse as error:
                    raise CommandError(
                        f"{name} is in use (a server or a shell connected?); close it first."
                    ) from error
                found = False
            if not found:
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                self.stdout.write(f"Created the database {name}.")

    def _holds_data(self) -> bool:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                if table in BOOKKEEPING:
                    continue
                cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone() is not None:
                    return True
        return False


def _counts() -> list[tuple[str, int]]:
    """Every table of our apps that holds rows, with how many."""
    ours = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR) and ".venv" not in config.path
    }
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in ours:
            count = model._default_manager.count()
            if count:
                found.append((model._meta.label, count))
    return found
