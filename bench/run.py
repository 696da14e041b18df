"""``make bench``: every page at scale beside this machine's ceiling, in one run.

1. Django is set up here with the server's own environment (production
   settings on BENCH_DATABASE_URL) to find the users and records to open
   (bench/targets.py), count the data and make two API tokens;
2. gunicorn serves bench.settings (Clientdesk's settings plus a query counter
   and the ceiling pages) with bench/server.py's settings on loopback;
3. the administrator and the chain's client administrator log in through the
   login form; the ceiling pages are measured, then every app's scenarios
   (``BenchScenarios`` in each capability.py), then the ceiling page again;
4. bench/results/<date>.json and .md (bench/report.py) are written.

Environment: BENCH_DATABASE_URL (required; nothing is written to it but
sessions, logins and two API tokens, revoked at the end), BENCH_ROUNDS (3
passes over every scenario, each reported by its median round: bench/rounds.py),
BENCH_SECONDS (6 per scenario and round), BENCH_WARMUP (3 in the first round,
1 after), BENCH_CONNECTIONS (8), BENCH_PDF_REQUESTS
(20), BENCH_ONLY (run the scenarios whose name contains it, e.g. "staff:
inspection list"; the ceilings always run), BENCH_LABEL (e.g. "before":
writes <date>-before.json/.md), BENCH_APP_DIR (serve the app of another
checkout with bench/ copied in, e.g. the commit before a fix), BENCH_PORT (else the first free of
8310-8319), BENCH_WORKERS / BENCH_THREADS (bench/server.py).
"""

import datetime
import os
import secrets
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench.facts import ROOT, env_int, git_commit, load_average, machine, today, write_results
from bench.measure import display_name, measure_all

# Another checkout's app, for a before-and-after run (bench/README.md).
APP_DIR = Path(os.environ.get("BENCH_APP_DIR") or ROOT)
PORTS = (8310, 8319)
# wrk measures the app, not the throttle: per second, DRF's throttle keeps at
# most a second of request times per token, no more than production's 600/minute.
API_RATE_LIMIT = "100000/second"
# A page that finishes nothing within the window is timed alone this many times.


def server_environment(database_url: str) -> dict[str, str]:
    """The served app's environment: production, DEBUG off, on loopback without TLS."""
    from common.benchdata import WEBHOOK_SECRET_KEY

    env = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "CLIENTDESK_ENV": "production",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        # The data at scale's webhook secrets are encrypted with its fixed key.
        "WEBHOOK_SECRET_KEY": WEBHOOK_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Required in production; nothing measured sends mail.
        "EMAIL_HOST": "127.0.0.1",
        # Plain HTTP on loopback: no proxy in front to terminate TLS or add addresses.
        "SECURE_SSL_REDIRECT": "false",
        "TRUSTED_PROXIES": "0",
        "API_RATE_LIMIT": API_RATE_LIMIT,
    }
    return env


def main() -> int:
    database_url = os.environ.get("BENCH_DATABASE_URL", "").strip()
    if not database_url.startswith("postgres"):
        print("BENCH_DATABASE_URL must name the PostgreSQL database at scale.", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("wrk is missing: run scripts/system-packages wrk (as root).", file=sys.stderr)
        return 2
    options: dict[str, Any] = {
        "rounds": max(1, env_int("BENCH_ROUNDS", 3)),
        "seconds": env_int("BENCH_SECONDS", 6),
        "warmup": env_int("BENCH_WARMUP", 3),
        "ceiling_seconds": env_int("BENCH_CEILING_SECONDS", 3),
        "connections": env_int("BENCH_CONNECTIONS", 8),
        "latency_connections": env_int("BENCH_LATENCY_CONNECTIONS", 2),
        "latency_seconds": env_int("BENCH_LATENCY_SECONDS", 3),
        "pdf_requests": env_int("BENCH_PDF_REQUESTS", 20),
        "only": os.environ.get("BENCH_ONLY", "").strip(),
        "label": os.environ.get("BENCH_LABEL", "").strip(),
    }
    env = server_environment(database_url)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    started = time.monotonic()
    document = run(env, options)
    document["timings"]["total_seconds"] = round(time.monotonic() - started, 1)
    label = options["label"]
    path = write_results(document, document["date"] + (f"-{label}" if label else ""))
    from bench import report

    markdown = report.render_files(document["date"], options["label"])
    print(f"\nWrote {path} and {markdown}")
    return 0 if all(r.get("status") == 200 for r in document["scenarios"]) else 1


def run(env: dict[str, str], options: dict) -> dict:
    """Serve, log in, measure the ceilings and every scenario; return the results document."""
    from django.db import connection

    from bench import goals, ratios, rounds
    from bench import server as served
    from bench.targets import find_targets

    _check_database_and_static()
    targets = find_targets()
    scenarios = collect_scenarios(targets, options["only"])
    document: dict[str, Any] = {
        "side": "ours",
        "date": today(),
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "label": options["label"] or None,
        # The commit of the app served: another checkout's with BENCH_APP_DIR.
        "commit": git_commit(APP_DIR),
        "app_dir": str(APP_DIR),
        "machine": machine(_postgres_version()),
        "data": {"scale": data_scale(), "targets": targets.as_dict()},
        "server": {
            **served.SERVER_SETTINGS,
            "settings": "bench.settings: Clientdesk's production settings (CLIENTDESK_ENV="
            "production, DEBUG off, PostgreSQL, persistent connections of 60 s) plus a "
            "query-counting middleware and the ceiling pages",
            "api_rate_limit": API_RATE_LIMIT,
            "cache": "REDIS_URL" if os.environ.get("REDIS_URL") else "file-based (no REDIS_URL)",
        },
        "load": {
            "tool": "wrk",
            "rounds": options["rounds"],
            "seconds": options["seconds"],
            "ceiling_seconds": options["ceiling_seconds"],
            "warmup_seconds": options["warmup"],
            "connections": options["connections"],
            "latency_connections": options["latency_connections"],
            "latency_seconds": options["latency_seconds"],
            "wrk_threads": 2,
            "pdf_requests": options["pdf_requests"],
            "only": options["only"] or None,
        },
        "targets": goals.DESCRIPTION,
        "timings": {},
    }
    tokens = make_tokens(targets)
    # Nothing of this process may hold a connection the server could want.
    connection.close()
    port = env_int("BENCH_PORT", 0) or served.free_port(*PORTS)
    clock = time.monotonic()
    server = served.start(
        "clientdesk.wsgi",
        python=sys.executable,
        cwd=APP_DIR,
        env=env,
        port=port,
        ready_path="/accounts/login/",
        log_path=Path(os.environ.get("CLIENTDESK_VAR_DIR") or ROOT / "var") / "bench-server.log",
    )
    document["timings"]["server_start_seconds"] = round(time.monotonic() - clock, 1)
    print(f"gunicorn on {server.url}: {served.SERVER_SETTINGS}", flush=True)
    clock = time.monotonic()
    try:
        headers = log_in(server.url, targets, tokens)
        results = measure_all(server, headers, scenarios, options)
        workers = server.workers()
    finally:
        server.stop()
        revoke_tokens(tokens)
    document["timings"]["measure_seconds"] = round(time.monotonic() - clock, 1)
    document["machine"]["load_average_after"] = load_average()
    largest_worker = max((w["rss_mb"] for w in workers), default=None)
    document["ceiling"] = ratios.compare_with_ceiling(results)
    results = rounds.merge_rounds(results)
    for result in results:
        result["targets_met"] = goals.check(result, largest_worker)
    document["scenarios"] = results
    document["workers_after_run"] = workers
    document["method"] = METHOD.format(**document["load"], **served.SERVER_SETTINGS)
    document["not_measured"] = NOT_MEASURED
    return document


METHOD = (
    "gunicorn (bench/server.py: {worker_class}, {workers} workers × {threads} threads, "
    "keep-alive {keepalive_seconds} s; the same settings as `make bench-peer`) serving "
    "bench.settings in production mode on loopback, against PostgreSQL. The administrator "
    "and the chain's client administrator log in through the login form (GET, then POST "
    "with the CSRF token); the API scenarios send a personal read-only token made through "
    "api.tokens. Every scenario is measured in {rounds} rounds, each round a pass over all of "
    "them, and reported by the median of its rounds (each number on its own; the rounds' "
    "own are in the JSON). Each round of a scenario: one request reads its status, SQL "
    "query count (a "
    "middleware counting every query of the request, session and user included) and "
    "body size; then wrk with {connections} connections on {wrk_threads} threads for "
    "{warmup_seconds} s of warm-up (1 s after the first round), whose numbers are "
    "dropped, and {seconds} s measured, "
    "each connection sending its next request when the answer arrives; then the latency "
    "one visitor sees while the server has room: wrk for {latency_seconds} s with "
    "{latency_connections} connections, each request on a new connection (Connection: "
    "close), so that it reaches whichever worker is free. Before the probe, "
    "the warm-up and each measurement the runner waits until the workers and PostgreSQL are "
    "idle (requests wrk abandons at the end of a window still run to completion). A page "
    "that finishes no request within the window is timed alone (3 requests one after "
    "another) for its p50; its rate stays 0. wrk runs on the "
    "same machine and cores as the server and PostgreSQL. The ceiling page (50 rows from "
    "one query in the base layout, logged in) runs first and last, and for "
    "{ceiling_seconds} s between scenarios; each scenario's ratio uses the runs just "
    "before and after it (bench/ratios.py). CPU per request is the workers' and "
    "PostgreSQL's CPU time over the measured window, from /proc, divided by its requests. "
    "The PDF, in the first round only, is requested {pdf_requests} times one after "
    "another (after one untimed "
    "request). Worker memory is read from /proc after the last scenario."
)

NOT_MEASURED = [
    "static files (CSS, JavaScript) the pages load, and the browser's rendering",
    "the bell's polling beside the pages (measured on its own), htmx fragments other than "
    "the bell, and the search-as-you-type pickers",
    "writes: every scenario is a GET; inspections, actions, ratings and their "
    "notifications are not made under load",
    "further pages of lists (only the first page), other filters and orderings",
    "the job consumer (Huey) and mail: not running during the measurement",
    "a reverse proxy and TLS: gunicorn is reached directly over loopback HTTP",
    "whether query counts grow with the data: one run sees one scale (each app's "
    "query-count tests check two sizes)",
    "many users at once: each scenario is one user's session or token on 8 connections",
]


def _check_database_and_static() -> None:
    """Refuse to measure a database behind the code, or pages without their static files."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise SystemExit(
            "The database at BENCH_DATABASE_URL has unapplied migrations: run "
            "`DATABASE_URL=$BENCH_DATABASE_URL manage.py migrate` (or make bench-data) first."
        )
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    sources = [p for p in (ROOT / "static").rglob("*") if p.is_file()]
    stale = not manifest.exists() or any(
        p.stat().st_mtime > manifest.stat().st_mtime for p in sources
    )
    if stale:
        print("Collecting static files…", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)


def _postgres_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def data_scale() -> dict[str, int]:
    """How much data the pages stand on, counted exactly."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    from accounts.roles import STAFF_ROLES

    users = get_user_model().objects
    counts = {
        "clients": ("clients", "Client"),
        "sites": ("clients", "Site"),
        "inspections": ("quality", "Inspection"),
        "scores": ("quality", "Score"),
        "corrective_actions": ("quality", "CorrectiveAction"),
        "ratings": ("quality", "Rating"),
        "notifications": ("notifications", "Notification"),
        "outbox_messages": ("notifications", "Delivery"),
        "webhook_calls": ("webhooks", "Call"),
        "events": ("events", "LoggedEvent"),
    }
    scale = {"staff_users": users.filter(role__in=STAFF_ROLES).count()}
    scale["client_users"] = users.exclude(role__in=STAFF_ROLES).count()
    for key, (app, model) in counts.items():
        scale[key] = apps.get_model(app, model).objects.count()
    return scale


def collect_scenarios(targets, only: str) -> list:
    """Every app's scenarios, by who asks then by app; those whose name contains ``only``."""
    from django.utils.module_loading import import_string

    from bench.scenario import WHO_ORDER
    from common import capabilities

    found = []
    for entry in capabilities.bench_scenarios():
        found.extend(import_string(entry.scenarios)(targets))
    found.sort(key=lambda scenario: WHO_ORDER.index(scenario.who))
    return [s for s in found if only.lower() in display_name(s).lower()]


def make_tokens(targets) -> dict:
    """A read-only token for each of the two users, made as their profile page makes one."""
    from django.contrib.auth import get_user_model

    from api import tokens

    users = get_user_model().objects
    made = {}
    for who, email in (
        ("api-staff", targets.staff_email),
        ("api-client", targets.client_admin_email),
    ):
        token, text = tokens.create_token(
            users.get(email=email), name="make bench", scope="read", days=1
        )
        made[who] = (token, text)
    return made


def revoke_tokens(made: dict) -> None:
    from api import tokens

    for token, _text in made.values():
        tokens.revoke_token(token)


def log_in(base_url: str, targets, made: dict) -> dict[str, dict[str, str]]:
    """Request headers for each kind of asker: session cookies from the form, or a token."""
    from bench import load

    login = "/accounts/login/"
    headers = {
        "staff": {"Cookie": load.login(base_url, login, targets.staff_email, targets.password)},
        "client": {
            "Cookie": load.login(base_url, login, targets.client_admin_email, targets.password)
        },
    }
    for who, (_token, text) in made.items():
        headers[who] = {"Authorization": f"Bearer {text}", "Accept": "application/json"}
    return headers


if __name__ == "__main__":
    sys.exit(main())
