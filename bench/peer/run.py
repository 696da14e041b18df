"""`make bench-peer`: django-helpdesk at Clientdesk's scale, served and measured as ours is.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/clientdesk_bench \
        .venv/bin/python -m bench.peer.run

1. the peer's venv (var/bench-peer/venv) with django-helpdesk from PyPI;
2. its PostgreSQL database (BENCH_DATABASE_URL's server, named
   clientdesk_bench_peer), migrated and loaded with as many tickets as our data
   has inspections, once (skipped when already loaded at that size);
3. gunicorn with bench/server.py's settings (the same as ours), a staff login
   through helpdesk's real login form, and wrk on every scenario of
   bench/peer/scenarios.py, its ceilings in the same run;
4. bench/results/<date>-peer.json, then bench/report.py renders <date>.md with
   our scenarios beside the peer's.

BENCH_SECONDS, BENCH_WARMUP and BENCH_CONNECTIONS set the load (as for
`make bench`); BENCH_WORKERS and BENCH_THREADS the server (bench/server.py).
"""

import datetime
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import psycopg

from bench import facts, load, server
from bench.peer import database, environment
from bench.peer.scenarios import Scenario, scenarios

ROOT = environment.ROOT
PROJECT = Path(__file__).with_name("project")
PORTS = (8320, 8329)
LOGIN_PATH = "/helpdesk/login/"
# staff001 is the superuser; the measured user is an ordinary agent.
STAFF_USER = "staff002"
STAFF_PASSWORD = "bench-peer-password"  # loopback-only benchmark account
QUERY_HEADER = "x-query-count"  # bench/peer/project/peer_site/middleware.py
CEILING_KIND = "ceiling-page"
# A page too slow to answer once under load is timed alone this many times.
SLOW_REQUESTS = 3


def main() -> int:
    started = time.monotonic()
    bench_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clientdesk_bench"
    )
    load_settings = {
        "tool": "wrk",
        "seconds": facts.env_int("BENCH_SECONDS", 10),
        "warmup_seconds": facts.env_int("BENCH_WARMUP", 3),
        "connections": facts.env_int("BENCH_CONNECTIONS", 8),
        "wrk_threads": 2,
    }
    timings: dict[str, float] = {}

    step = _say("the peer's virtual environment")
    venv = environment.ensure_venv()
    versions = environment.installed_versions()
    timings["venv_seconds"] = _since(step)

    tickets, tickets_from = database.ticket_count(bench_url)
    peer_url = database.peer_url(bench_url, tickets)
    env = {
        "DJANGO_SETTINGS_MODULE": "peer_site.settings",
        "PEER_DATABASE_URL": peer_url,
        "PEER_VAR_DIR": str(environment.PEER_DIR / "var"),
    }
    step = _say(f"database {_name(peer_url)}: migrate")
    created = database.ensure_database(peer_url)
    _manage(env, "migrate", "--noinput", "-v", "0")
    timings["migrate_seconds"] = _since(step)

    step = _say(f"database {_name(peer_url)}: {tickets} tickets ({tickets_from})")
    load_log = _manage(
        env, "load_peer_tickets", "--tickets", str(tickets), "--password", STAFF_PASSWORD
    )
    timings["load_seconds"] = _since(step)
    counts = database.loaded_counts(peer_url)
    ticket_id = database.ticket_with_followups(peer_url)

    step = _say("gunicorn")
    peer_server = server.start(
        "peer_site.wsgi",
        python=str(environment.PYTHON),
        cwd=PROJECT,
        env=env,
        port=server.free_port(*PORTS),
        ready_path=LOGIN_PATH,
        log_path=environment.PEER_DIR / "gunicorn.log",
    )
    timings["server_start_seconds"] = _since(step)
    try:
        step = _say(f"log in as {STAFF_USER} through {LOGIN_PATH}")
        load_before = facts.load_average()
        headers = {"Cookie": load.login(peer_server.url, LOGIN_PATH, STAFF_USER, STAFF_PASSWORD)}
        list_page = load.probe(peer_server.url + "/helpdesk/tickets/", headers)
        if list_page["status"] != 200:
            raise RuntimeError(f"The ticket list answered {list_page['status']} after login.")
        body = _get_text(peer_server.url + "/helpdesk/tickets/", headers)
        results = []
        for scenario in scenarios(ticket_id, body):
            result = _measure(peer_server, peer_url, headers, scenario, load_settings)
            # After each scenario: a page that loads every ticket shows in memory too.
            result["workers_rss_mb_after"] = [w["rss_mb"] for w in peer_server.workers()]
            results.append(result)
        timings["measure_seconds"] = _since(step)
        workers = peer_server.workers()
        server_settings = peer_server.settings
    finally:
        peer_server.stop()

    ceiling = _ceiling(results)
    for result in results:
        result["ratio_to_ceiling"] = _ratio(result["rps"], ceiling["rps"])
    results.append(_list_with_rows(results, ceiling["rps"]))
    timings["total_seconds"] = _since(started)
    document: dict[str, Any] = {
        "side": "peer",
        "date": facts.today(),
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "peer": {
            "name": "django-helpdesk",
            "source": "PyPI, pinned in bench/peer/requirements.txt",
            "versions": versions,
            "venv": venv,
            "project": "bench/peer/project (settings, urls, ceiling pages, loader; no helpdesk"
            " code copied)",
        },
        "data": {
            "database": _name(peer_url),
            "database_created": created,
            "tickets_wanted": tickets,
            "tickets_from": tickets_from,
            **counts,
            "submitters": "5,000 e-mail addresses without accounts (helpdesk's public submitters)",
            "spread": "three years with busy months; the last 30 days mostly open, older ~3 %",
            "loader": "bench/peer/project/peer_site/management/commands/load_peer_tickets.py"
            " (COPY, one transaction, VACUUM ANALYZE)",
            "load_log": load_log.strip().splitlines(),
        },
        "login": {
            "user": STAFF_USER,
            "role": "staff agent (is_staff, not superuser), helpdesk's default user settings",
            "how": f"GET and POST of helpdesk's login form at {LOGIN_PATH}, session cookie kept",
        },
        "server": server_settings,
        "load": load_settings,
        "machine": _machine(peer_url, load_before),
        "ceiling": ceiling,
        "scenarios": results,
        "workers_after_run": workers,
        "timings": timings,
        "method": _method(load_settings, server_settings),
        "not_measured": [
            "static files (CSS, JavaScript, fonts) the pages load: neither side's",
            "helpdesk's timeline tab, kanban board, reports and knowledge base",
            "searches, filters other than the default query, sorting by a column",
            "writes (updating a ticket, follow-ups): read-only scenarios as on our side",
        ],
    }
    path = facts.write_results(document, f"{document['date']}-peer")
    print(f"\nwrote {path.relative_to(ROOT)}", flush=True)
    print(f"wrote {_render_report(document['date']).relative_to(ROOT)}", flush=True)
    _print_table(results)
    return 0


def _measure(
    served: server.Server, database_url: str, headers: dict, scenario: Scenario, settings: dict
) -> dict:
    """One scenario: a single request for status, size and queries, then wrk.

    Before each step (probe, warm-up, measurement) the server is left to finish
    what the previous step left running, so that nothing pays for abandoned requests.
    """
    _say(f"  {scenario.name}")
    base_url = served.url
    waited = [_idle(served, database_url)]
    first = load.probe(base_url + scenario.path, headers)
    if first["status"] != 200:
        raise RuntimeError(f"{scenario.name}: {scenario.path} answered {first['status']}.")
    queries = first["headers"].get(QUERY_HEADER)
    numbers = {}
    # The warm-up is a wrk run of its own whose numbers are dropped (what
    # load.measure's warmup does), so that the idle wait can come between the two.
    for seconds in (settings["warmup_seconds"], settings["seconds"]):
        numbers = load.measure(
            base_url + scenario.path,
            headers,
            seconds=seconds,
            connections=settings["connections"],
            threads=settings["wrk_threads"],
            warmup=0,
        )
        waited.append(_idle(served, database_url))
    numbers["warmup_seconds"] = settings["warmup_seconds"]
    result = {
        "name": scenario.name,
        "kind": scenario.kind,
        "path": scenario.path,
        "what": scenario.what,
        "status": first["status"],
        "rps": numbers["rps"],
        "p50_ms": numbers["p50_ms"],
        "p95_ms": numbers["p95_ms"],
        "p99_ms": numbers["p99_ms"],
        "queries": int(queries[0]) if queries else None,
        "bytes": first["bytes"],
        "wrk": numbers,
        "idle_wait_seconds": waited,
    }
    notes = []
    if numbers["non_2xx"]:
        status = numbers["a_non_2xx_status"]
        result["error"] = f"{numbers['non_2xx']} answers under load were not 2xx (e.g. {status})"
    if any(numbers["errors"].values()):
        notes.append(f"wrk errors {numbers['errors']} (a timeout is a request over 30 s)")
    if numbers["requests"] == 0:
        # Not one answer within the window: wrk's zeros would read as instant. The
        # rate stays 0 (what the window saw); the latency comes from one client.
        alone = load.sequential(base_url + scenario.path, headers, count=SLOW_REQUESTS)
        result.update(p50_ms=alone["p50_ms"], p95_ms=None, p99_ms=None, sequential=alone)
        notes.append(
            f"no request finished within {numbers['seconds']} s under load; p50 is the"
            f" median of {SLOW_REQUESTS} requests one after another, p95/p99 unknown"
        )
        waited.append(_idle(served, database_url))
    elif numbers["requests"] < settings["connections"]:
        notes.append(f"only {numbers['requests']} requests in the window: rough numbers")
    if notes:
        result["note"] = "; ".join(notes)
    return result


def _idle(served: server.Server, database_url: str) -> float:
    return served.wait_until_idle(database_url)


def _ratio(rps: float, ceiling: float) -> float | None:
    """rps ÷ the ceiling's; None when nothing finished in the window (as `make bench`)."""
    return round(rps / ceiling, 4) if rps and ceiling else None


def _list_with_rows(results: list[dict], ceiling_rps: float) -> dict:
    """The list as a user sees it: its page and then its rows, two requests in a row.

    Derived, not measured: the server's work per shown list is the sum of both
    requests', so its rate is 1 / (1/page + 1/rows); the percentiles are the sums
    of the two requests' (a pessimistic estimate, as the slow ends rarely meet).
    """
    page = next(result for result in results if result["kind"] == "list")
    rows = next(result for result in results if result["kind"] == "list-rows")
    both = page["rps"] and rows["rps"]
    rps = round(1 / (1 / page["rps"] + 1 / rows["rps"]), 1) if both else 0.0
    return {
        "name": "ticket list with its rows (page + AJAX, derived)",
        "kind": "list-with-rows",
        "path": f"{page['path']} then {rows['path'].split('?')[0]}?…",
        "what": "derived from the two measured requests: rate 1/(1/page + 1/rows),"
        " percentiles and sizes added",
        "derived": True,
        "rps": rps,
        # A latency timed alone does not add up with one under load.
        "p50_ms": _add(page["p50_ms"], rows["p50_ms"]) if both else None,
        "p95_ms": _add(page["p95_ms"], rows["p95_ms"]),
        "p99_ms": _add(page["p99_ms"], rows["p99_ms"]),
        "queries": _add(page["queries"], rows["queries"]),
        "bytes": page["bytes"] + rows["bytes"],
        "ratio_to_ceiling": _ratio(rps, ceiling_rps),
    }


def _ceiling(results: list[dict]) -> dict:
    """The ceiling page's rate: the mean of its first and last run, as on our side."""
    runs = [result["rps"] for result in results if result["kind"] == CEILING_KIND]
    bare = next(result for result in results if result["kind"] == "ceiling-bare")
    return {
        "scenario": "ceiling: 50 rows, logged in",
        "rps": round(sum(runs) / len(runs), 1),
        "runs_rps": runs,
        "bare_view_rps": bare["rps"],
        "note": "the mean of the ceiling page measured first and last; ratio_to_ceiling is"
        " each scenario's rps divided by it",
    }


def _method(settings: dict, server_settings: dict) -> str:
    return " ".join(
        [
            "django-helpdesk from PyPI in its own venv, in a Django project of ours",
            "(bench/peer/project: helpdesk's required settings, DEBUG off, PostgreSQL,",
            "persistent connections of 60 s, database sessions), served by gunicorn from",
            "bench/server.py with the same settings as `make bench`",
            f"({server_settings['worker_class']}, {server_settings['workers']} workers ×",
            f"{server_settings['threads']} threads, keep-alive",
            f"{server_settings['keepalive_seconds']} s) on loopback. A staff agent (not",
            "superuser) logs in through helpdesk's login form (GET, then POST with the CSRF",
            "token). Each scenario: one request reads its status, SQL query count (a",
            "middleware of the peer project, outermost, counting every query into",
            "X-Query-Count) and body size; then wrk with",
            f"{settings['connections']} connections on {settings['wrk_threads']} threads for",
            f"{settings['warmup_seconds']} s of warm-up, whose numbers are dropped, and",
            f"{settings['seconds']} s measured. Before the probe, the warm-up and the",
            "measurement the runner waits until the workers and PostgreSQL are idle (requests",
            "wrk abandons at the end of a window still run to completion). A page that",
            f"finishes no request within the window is timed alone ({SLOW_REQUESTS} requests",
            "one after another) for its p50; its rate stays 0. The ceiling page (50 tickets",
            "from one query on the primary key, in helpdesk's base template, logged in) runs",
            "first and last; ratios use the mean. The list as shown is two requests (the page,",
            "then its rows by AJAX): its row is derived from both. Worker memory is read from",
            "/proc after each scenario and after the run.",
        ]
    )


def _machine(peer_url: str, load_before: list[float]) -> dict:
    """As `make bench` records it; the load averages say how shared the machine was."""
    with psycopg.connect(peer_url) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return {
        **facts.machine(row[0] if row else None),
        "load_average_before": load_before,
        "load_average_after": facts.load_average(),
    }


def _manage(env: dict, *args: str) -> str:
    """Run the peer's manage.py with its own interpreter; echo and return its output."""
    done = subprocess.run(
        [str(environment.PYTHON), "manage.py", *args],
        cwd=PROJECT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    sys.stdout.write(done.stdout)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise RuntimeError(f"manage.py {args[0]} failed ({done.returncode}).")
    return done.stdout


def _get_text(url: str, headers: dict) -> str:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback http
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.read().decode()


def _render_report(date: str) -> Path:
    """<date>.md, by bench/report.py: ours beside the peer's if `make bench` ran today."""
    from bench import report

    return report.render_files(date)


def _print_table(results: list[dict]) -> None:
    print(f"\n{'scenario':<50} {'rps':>8} {'p50':>7} {'p99':>7} {'q':>4} {'bytes':>8} {'ratio':>6}")
    for result in results:
        cells = [_cell(result[key]) for key in ("rps", "p50_ms", "p99_ms", "queries")]
        print(
            f"{result['name']:<50} {cells[0]:>8} {cells[1]:>7} {cells[2]:>7} {cells[3]:>4}"
            f" {result['bytes']:>8} {_cell(result['ratio_to_ceiling']):>6}"
        )


def _cell(value: float | None) -> str:
    if value is None:
        return "—"
    return str(value) if isinstance(value, int) else f"{value:.{2 if value < 1 else 1}f}"


def _add(*values: float | None) -> float | None:
    """The sum, or None when one is unknown."""
    if any(value is None for value in values):
        return None
    return round(sum(value or 0 for value in values), 2)


def _name(url: str) -> str:
    return url.rsplit("/", 1)[-1].split("?")[0]


def _say(what: str) -> float:
    print(f"[bench-peer] {what}", flush=True)
    return time.monotonic()


def _since(moment: float) -> float:
    return round(time.monotonic() - moment, 1)


if __name__ == "__main__":
    sys.exit(main())
