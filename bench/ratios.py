"""How each scenario is compared with the machine's ceiling page.

The shared machine's speed drifts within a run (the same ceiling page gave
186 and 227 requests per second a few minutes apart), so each scenario is
divided by the ceiling page measured just before and just after it, briefly,
between scenarios. The CPU milliseconds one request costs the app and the
database (read from /proc over the measured window) give a second ratio.
"""


def compare_with_ceiling(results: list[dict]) -> dict:
    """Set each result's ratios to the ceiling; return the ceiling's own summary.

    ``ratio_to_ceiling``: the result's rps ÷ ``ceiling_beside_rps`` (the mean
    of the ceiling runs beside it); ``cpu_ratio_to_ceiling``: those runs' CPU
    per request ÷ the result's. A ceiling run is compared with the mean of
    the first and last full ceiling runs.
    """
    ceiling_runs = [r["rps"] for r in results if r["kind"] == "ceiling-page" and r["rps"]]
    ceiling = sum(ceiling_runs) / len(ceiling_runs) if ceiling_runs else None
    ceiling_cpu = mean_cpu(r for r in results if r["kind"] == "ceiling-page")
    for index, result in enumerate(results):
        near = _ceilings_beside(results, index)
        near_rps = [r["rps"] for r in near if r.get("rps")]
        result["ceiling_beside_rps"] = round(sum(near_rps) / len(near_rps), 1) if near_rps else None
        result["ratio_to_ceiling"] = _share(
            result.get("rps"), result["ceiling_beside_rps"] or ceiling
        )
        result["cpu_ratio_to_ceiling"] = _share(mean_cpu(near) or ceiling_cpu, mean_cpu([result]))
    return {
        "scenario": "ceiling: 50 rows, logged in",
        "rps": round(ceiling, 1) if ceiling else None,
        "runs_rps": ceiling_runs,
        "bare_view_rps": next((r["rps"] for r in results if r["kind"] == "ceiling-bare"), None),
        "cpu_ms": ceiling_cpu,
        "note": "rps: the mean of the ceiling page measured first and last; each "
        "scenario's ratio_to_ceiling is its rps divided by ceiling_beside_rps, the ceiling "
        "page measured just before and just after it (briefly, between scenarios); "
        "cpu_ratio_to_ceiling is those ceiling runs' CPU milliseconds per request (app and "
        "database) divided by the scenario's",
    }


def cpu_spent(before: dict, after: dict, requests: int) -> dict[str, float]:
    """CPU milliseconds per request on each side ("app", "db") between two
    readings of ``Server.cpu_seconds``: what each process still running used
    since the first reading (a process started since then, all of it)."""
    return {
        side: round(
            sum(seconds - before[side].get(pid, 0.0) for pid, seconds in after[side].items())
            * 1000
            / requests,
            2,
        )
        for side in after
    }


def mean_cpu(results) -> float | None:
    """App and database CPU milliseconds per request, averaged over ``results``."""
    totals = [sum(r["cpu_ms"].values()) for r in results if r.get("cpu_ms")]
    return round(sum(totals) / len(totals), 2) if totals else None


def _ceilings_beside(results: list[dict], index: int) -> list[dict]:
    """The ceiling page's runs just before and just after a scenario's (none for a ceiling)."""
    if results[index]["kind"].startswith("ceiling"):
        return []
    ceilings = ("ceiling-page", "ceiling-beside")
    before = next((r for r in reversed(results[:index]) if r["kind"] in ceilings), None)
    after = next((r for r in results[index + 1 :] if r["kind"] in ceilings), None)
    return [r for r in (before, after) if r is not None]


def _share(part, whole) -> float | None:
    return round(part / whole, 4) if part and whole else None
