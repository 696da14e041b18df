"""PostgreSQL plans a repeated query once per connection, unless a pooler forbids it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from clients.models import Site

ROOT = Path(__file__).resolve().parents[2]
PRINT_OPTIONS = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
)


def _options(**env) -> dict:
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRINT_OPTIONS],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_prepares_repeated_queries_unless_told_not_to():
    url = "postgres://clientdesk@127.0.0.1:5432/clientdesk"
    assert _options(DATABASE_URL=url) == {"server_side_binding": True, "prepare_threshold": 5}
    assert _options(DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="false") == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own statements")
@pytest.mark.django_db
def test_a_query_run_five_times_is_prepared_on_the_connection():
    for _ in range(6):
        list(Site.objects.filter(name="Nowhere"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "clients_site"' in statement for statement in prepared)
