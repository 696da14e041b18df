"""Drive a served page with wrk, log in through a real form, time requests one by one.

Project-neutral (``make bench-peer`` uses it for django-helpdesk too)::

    from bench.load import login, measure, probe, sequential

    cookie = login(server.url, "/accounts/login/", "user@example.com", "password")
    result = measure(server.url + "/clients/", {"Cookie": cookie}, seconds=10)
    # {"rps", "p50_ms", "p95_ms", "p99_ms", "non_2xx", "requests", ...}
    first = probe(server.url + "/clients/", {"Cookie": cookie})
    # {"status", "bytes", "headers"}: one request, e.g. to read a query-count header
    pdf = sequential(server.url + "/…/report.pdf", {"Cookie": cookie}, count=20)

``measure`` runs ``wrk`` (Debian's package: ``scripts/system-packages wrk``)
first for ``warmup`` seconds, whose results are dropped, then for ``seconds``,
with ``connections`` open connections on ``threads`` threads, each sending its
next request as soon as the answer arrives. Latencies are wrk's (its
coordinated-omission-free mode is not Debian's wrk); requests answering
anything but 2xx are counted in ``non_2xx`` (a redirect to the login page is
a failed scenario, not a fast one).
"""

import http.client
import json
import re
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
MARKER = "BENCH_WRK_JSON "
# A page that takes longer than this under load counts as a timeout, not a latency.
WRK_TIMEOUT_SECONDS = 30


def measure(
    url: str,
    headers: dict[str, str] | None = None,
    seconds: int = 10,
    connections: int = 8,
    threads: int = 2,
    warmup: int = 3,
) -> dict:
    """Load ``url`` with wrk for ``seconds`` after ``warmup`` seconds; return the numbers.

    Returns ``rps`` (requests per second), ``p50_ms``, ``p90_ms``, ``p95_ms``,
    ``p99_ms``, ``mean_ms``, ``max_ms``, ``requests``, ``seconds`` (measured),
    ``bytes_per_request``, ``non_2xx`` (with ``a_non_2xx_status``, one of
    them), ``errors`` (wrk's connect/read/write/status/timeout counts) and the
    load settings. Raises RuntimeError if wrk is missing or fails.
    """
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: run scripts/system-packages wrk (as root).")
    if warmup > 0:
        _wrk(url, headers or {}, warmup, connections, threads)
    raw = _wrk(url, headers or {}, seconds, connections, threads)
    duration = raw["duration_us"] / 1e6
    requests = raw["requests"]
    return {
        "rps": round(requests / duration, 1) if duration else 0.0,
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "mean_ms": round(raw["mean_us"] / 1000, 3),
        "max_ms": raw["max_us"] / 1000,
        "requests": requests,
        "seconds": round(duration, 2),
        "bytes_per_request": round(raw["bytes"] / requests) if requests else 0,
        "non_2xx": raw["non_2xx"],
        "a_non_2xx_status": raw["a_non_2xx_status"] or None,
        "errors": raw["errors"],
        "connections": connections,
        "wrk_threads": threads,
        "warmup_seconds": warmup,
    }


def _wrk(url: str, headers: dict[str, str], seconds: int, connections: int, threads: int):
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--timeout", f"{WRK_TIMEOUT_SECONDS}s", "-s", str(WRK_SCRIPT)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout}\n{done.stderr}")


def probe(url: str, headers: dict[str, str] | None = None) -> dict:
    """One GET of ``url``: its ``status``, body size in ``bytes`` and ``headers``.

    ``headers`` maps each lower-case header name to the list of its values.
    """
    status, response_headers, body = _request("GET", url, headers or {})
    return {"status": status, "bytes": len(body), "headers": response_headers}


def sequential(url: str, headers: dict[str, str] | None = None, count: int = 20) -> dict:
    """GET ``url`` ``count`` times one after another (after one untimed request).

    For what is too slow to load in parallel (a PDF): ``p50_ms``, ``max_ms``,
    ``mean_ms``, ``rps`` (one client), ``bytes`` and ``non_2xx``.
    """
    _request("GET", url, headers or {})
    timings, non_2xx, size = [], 0, 0
    for _ in range(count):
        started = time.perf_counter()
        status, _, body = _request("GET", url, headers or {})
        timings.append((time.perf_counter() - started) * 1000)
        non_2xx += not 200 <= status < 300
        size = len(body)
    return {
        "requests": count,
        "p50_ms": round(statistics.median(timings), 1),
        "max_ms": round(max(timings), 1),
        "mean_ms": round(statistics.fmean(timings), 1),
        "rps": round(1000 / statistics.fmean(timings), 2),
        "bytes": size,
        "non_2xx": non_2xx,
    }


def login(
    base_url: str,
    login_path: str,
    username: str,
    password: str,
    *,
    username_field: str = "username",
    extra_fields: dict[str, str] | None = None,
) -> str:
    """Log in through the real login form; return the Cookie header value of the session.

    GETs the form for its CSRF cookie and token, POSTs the credentials with
    them (and an Origin header, as a browser would), and expects a redirect.
    Cookies are kept by hand, ignoring ``Secure``: production settings mark
    them so, and the benchmark talks plain HTTP on loopback. Raises
    RuntimeError if the form answers anything but a redirect.
    """
    url = base_url.rstrip("/") + login_path
    status, headers, body = _request("GET", url, {})
    if status != 200:
        raise RuntimeError(f"GET {url} answered {status}.")
    cookies = _cookies(headers)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if match is None:
        raise RuntimeError(f"No CSRF token in the form at {url}.")
    form = {
        "csrfmiddlewaretoken": match.group(1).decode(),
        username_field: username,
        "password": password,
        **(extra_fields or {}),
    }
    status, headers, body = _request(
        "POST",
        url,
        {
            "Cookie": _cookie_header(cookies),
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": base_url.rstrip("/"),
            "Referer": url,
        },
        urlencode(form).encode(),
    )
    if status not in (301, 302, 303):
        raise RuntimeError(f"Login of {username} at {url} failed: {status} {body[:300]!r}")
    cookies.update(_cookies(headers))
    return _cookie_header(cookies)


def _request(method: str, url: str, headers: dict[str, str], body: bytes | None = None):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=120)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        names = {name.lower() for name in response.headers}
        response_headers = {name: response.headers.get_all(name) for name in names}
        return response.status, response_headers, content
    finally:
        connection.close()


def _cookies(headers: dict[str, list[str]]) -> dict[str, str]:
    cookies = {}
    for header in headers.get("set-cookie") or []:
        name, _, value = header.split(";", 1)[0].partition("=")
        cookies[name.strip()] = value.strip()
    return cookies


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items() if value)
