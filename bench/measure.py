"""Measure each scenario as `make bench` does: a probe, a warm-up, the throughput
under wrk, then the latency one visitor sees; the ceiling page between scenarios.

bench/run.py plans the run (server, users, scenarios); this module measures.
"""

import os
from typing import Any

SLOW_REQUESTS = 3
CEILING_BARE = "/bench/ceiling/bare/"
CEILING_PAGE = "/bench/ceiling/fifty-rows/"
WHO_PREFIX = {
    "staff": "staff",
    "client": "client",
    "api-client": "API client",
    "api-staff": "API staff",
}


def display_name(scenario) -> str:
    return f"{WHO_PREFIX[scenario.who]}: {scenario.name}"


def measure_all(server, headers: dict, scenarios: list, options: dict) -> list[dict]:
    """The ceilings, every scenario, the ceiling page again; one result each, printed as it goes."""
    from bench.scenario import Scenario

    ceiling_page = Scenario(
        "50 rows, logged in",
        CEILING_PAGE,
        "staff",
        what="50 sites from one query on the primary key, in the base layout",
    )
    bare = Scenario(
        "bare view", CEILING_BARE, "staff", what="Django answering 2 bytes: no session, no query"
    )
    database_url = os.environ["DATABASE_URL"]

    def idle() -> float:
        return server.wait_until_idle(database_url)

    # The ceiling page again between scenarios, briefly: the shared machine's
    # speed drifts within a run, so each page is compared with the ceiling
    # measured just before and just after it. Every scenario is measured in
    # ``rounds`` passes over them all (bench/rounds.py); the PDF, which has no
    # target, only in the first.
    beside = (ceiling_page, "ceiling-beside", headers["staff"])
    plan = [(bare, "ceiling-bare", {}, 0), (ceiling_page, "ceiling-page", headers["staff"], 0)]
    for number in range(options["rounds"]):
        for scenario in scenarios:
            if number and scenario.kind == "pdf":
                continue
            plan += [(scenario, scenario.kind, headers[scenario.who], number), (*beside, number)]
    plan[-1] = (ceiling_page, "ceiling-page", headers["staff"], options["rounds"] - 1)
    # Only the throughput of the runs beside: their latency is not reported.
    brief = {**options, "warmup": 0, "seconds": options["ceiling_seconds"], "latency_seconds": 0}
    # Later rounds find the workers warm: a short warm-up only settles the connections.
    later = {**options, "warmup": min(options["warmup"], 1)}
    results = []
    for index, (scenario, kind, request_headers, number) in enumerate(plan):
        name = (
            display_name(scenario)
            if not kind.startswith("ceiling")
            else f"ceiling: {scenario.name}"
        )
        if kind == "ceiling-page" and index == len(plan) - 1:
            name += " (again, last)"
        settings = brief if kind == "ceiling-beside" else later if number else options
        result = measure_one(
            server.url + scenario.path, request_headers, settings, idle, server.cpu_seconds
        )
        result = {
            "name": name,
            "who": scenario.who,
            "kind": kind,
            "path": scenario.path,
            "what": scenario.what,
            "home": scenario.home,
            "round": number + 1,
            **result,
        }
        results.append(result)
        if kind != "ceiling-beside":
            _print_result(result)
    return results


def measure_one(url: str, headers: dict[str, str], options: dict, idle, cpu=None) -> dict:
    """One request for status, queries and size; then wrk (the throughput, then the
    latency with a connection per core), or sequential requests for a PDF.

    ``idle()`` waits until the server has finished what the previous step left
    running; it runs before the probe, the warm-up and the measurement (the
    warm-up is a wrk run of its own, its numbers dropped), as `make bench-peer` does.
    ``cpu()`` reads the server's CPU time, so the measured window also gives
    the CPU milliseconds one request costs the app and the database.
    """
    from bench import load, ratios
    from bench.middleware import HEADER

    waited = [idle()]
    first = load.probe(url, headers)
    count = (first["headers"].get(HEADER.lower()) or [None])[0]
    result: dict[str, Any] = {
        "status": first["status"],
        "queries": int(count) if count is not None else None,
        "bytes": first["bytes"],
        "content_type": (first["headers"].get("content-type") or [""])[0],
        "rps": None,
        "p50_ms": None,
        "p95_ms": None,
        "p99_ms": None,
        "idle_wait_seconds": waited,
    }
    if first["status"] != 200:
        location = (first["headers"].get("location") or [""])[0]
        result["error"] = f"answered {first['status']}" + (f" → {location}" if location else "")
        return result
    if result["content_type"].startswith("application/pdf"):
        timed = load.sequential(url, headers, count=options["pdf_requests"])
        result.update(rps=timed["rps"], p50_ms=timed["p50_ms"], max_ms=timed["max_ms"])
        result["sequential"] = timed
        waited.append(idle())
        return result
    wrk: dict[str, Any] = {}
    for seconds in (options["warmup"], options["seconds"]):
        if seconds <= 0:
            continue
        before = cpu() if cpu else None
        wrk = load.measure(
            url, headers, seconds=seconds, connections=options["connections"], warmup=0
        )
        waited.append(idle())
        if before is not None and wrk["requests"]:
            # After the idle wait: requests still running at the window's end count too.
            after = cpu()
            result["cpu_ms"] = ratios.cpu_spent(before, after, wrk["requests"])
    wrk["warmup_seconds"] = options["warmup"]
    result.update(rps=wrk["rps"], p50_ms=wrk["p50_ms"], p95_ms=wrk["p95_ms"], p99_ms=wrk["p99_ms"])
    result["wrk"] = wrk
    if wrk["requests"] and options.get("latency_seconds", 0) > 0:
        result["latency"] = _latency(url, headers, options)
        waited.append(idle())
    notes = []
    if wrk["non_2xx"]:
        result["error"] = (
            f"{wrk['non_2xx']} answers under load were not 2xx (e.g. {wrk['a_non_2xx_status']})"
        )
    if any(wrk["errors"].values()):
        notes.append(f"wrk errors {wrk['errors']} (a timeout is a request over 30 s)")
    if wrk["requests"] == 0:
        # Not one answer in the window: wrk's zeros would read as instant. The
        # rate stays 0 (what the window saw); the latency comes from one client.
        alone = load.sequential(url, headers, count=SLOW_REQUESTS)
        result.update(rps=0.0, p50_ms=alone["p50_ms"], p95_ms=None, p99_ms=None)
        result["sequential"] = alone
        notes.append(
            f"no request finished within {wrk['seconds']} s under load; p50 is the median of"
            f" {SLOW_REQUESTS} requests one after another, p95/p99 unknown"
        )
        waited.append(idle())
    elif wrk["requests"] < options["connections"]:
        notes.append(f"only {wrk['requests']} requests in the window: rough numbers")
    if notes:
        result["note"] = "; ".join(notes)
    return result


def _latency(url: str, headers: dict[str, str], options: dict) -> dict:
    """What one visitor waits while the server has room: wrk with a connection per core
    (``latency_connections``), each request on a new connection.

    Under the throughput load (8 connections on 2 cores) a request waits behind
    seven others, so its latency is the requests per second again (Little's
    law: about 8 ÷ rps), and with keep-alive a connection stays on the worker
    it first reached: two workers may hold five and three. ``Connection:
    close`` lets each request go to whichever worker accepts it, as requests
    arriving from many browsers through a proxy do.
    """
    from bench import load

    connections = options["latency_connections"]
    light = load.measure(
        url,
        {**headers, "Connection": "close"},
        seconds=options["latency_seconds"],
        connections=connections,
        threads=min(2, connections),
        warmup=0,
    )
    keys = ("connections", "rps", "p50_ms", "p95_ms", "p99_ms", "requests", "non_2xx")
    return {key: light[key] for key in keys}


def _print_result(result: dict) -> None:
    def cell(value, digits=1):
        return "—" if value is None else f"{value:.{digits}f}"

    light = result.get("latency") or {}

    print(
        f"{result['round']} {result['name'][:50]:<50} {result['status']:>4}"
        f" {cell(result['rps']):>8} rps"
        f"  p50 {cell(result['p50_ms']):>7}  p99 {cell(result['p99_ms']):>7} ms"
        f"  (at {light.get('connections', '—')}: p99 {cell(light.get('p99_ms')):>6} ms)"
        f"  {result['queries'] if result['queries'] is not None else '—':>3} q"
        f"  {result['bytes']:>8} B",
        flush=True,
    )
