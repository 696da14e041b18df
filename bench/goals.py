"""The targets of issue 18, checked against one scenario's measurement.

Every page and API list: at least half the ceiling page's requests per
second, p99 under 100 ms, at most 12 SQL queries. The staff home and any
dashboard: p99 under 300 ms with workers under 200 MB each. The PDF, timed
one request after another, has no target.

Which p99: the 100 ms is what one visitor waits while the server has room,
measured with a connection per core (``result["latency"]``, bench/measure.py).
Under the throughput load of 8 connections on 2 cores each request queues
behind seven others, so its p99 restates the requests per second: the
ceiling page itself, an empty layout around 50 rows, measured 90 to 190 ms
there. The home pages' 300 ms is held to that loaded p99, as the issue says.
"""

MIN_RATIO = 0.5
MAX_P99_MS = 100
MAX_QUERIES = 12
HOME_MAX_P99_MS = 300
HOME_MAX_RSS_MB = 200

DESCRIPTION = (
    f"every page and API list: ≥ {MIN_RATIO:.0%} of the ceiling page's requests per second,"
    f" p99 < {MAX_P99_MS} ms with a connection per core, ≤ {MAX_QUERIES} SQL queries; the staff"
    f" home and any dashboard: p99 < {HOME_MAX_P99_MS} ms under the full load and"
    f" < {HOME_MAX_RSS_MB} MB resident memory per worker"
)


def check(result: dict, largest_worker_mb: float | None) -> dict[str, bool] | None:
    """Which targets ``result`` meets, by name; None when it has none (a PDF, a ceiling).

    A scenario that answered anything but 2xx meets none: ``answered`` is False.
    """
    kind = result.get("kind")
    if kind in ("pdf", "ceiling-bare", "ceiling-page", "ceiling-beside"):
        return None
    answered = result.get("status") == 200 and not (result.get("wrk") or {}).get("non_2xx")
    p99 = result.get("p99_ms")
    light_p99 = (result.get("latency") or {}).get("p99_ms")
    queries = result.get("queries")
    met = {"answered": answered}
    # A round in which nothing finished (bench/rounds.py): its p99 is unknown, not small.
    timed = answered and not result.get("stalled_rounds")
    if kind == "dashboard":
        met["p99"] = timed and p99 is not None and p99 < HOME_MAX_P99_MS
    else:
        ratio = result.get("ratio_to_ceiling")
        met["ratio"] = answered and ratio is not None and ratio >= MIN_RATIO
        met["p99"] = timed and light_p99 is not None and light_p99 < MAX_P99_MS
    met["queries"] = queries is not None and queries <= MAX_QUERIES
    if kind == "dashboard" or result.get("home"):
        met["home_p99"] = timed and p99 is not None and p99 < HOME_MAX_P99_MS
        met["home_rss"] = largest_worker_mb is not None and largest_worker_mb < HOME_MAX_RSS_MB
    return met
