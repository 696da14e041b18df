"""Each scenario measured in several rounds, reported by its median round.

On this shared machine one run of the same page moved by 10 to 18 points of
the ceiling (bench/README.md, sixth pass): a neighbour's burst lands on
whichever page is being measured. `make bench` therefore goes through every
scenario ``BENCH_ROUNDS`` times, each round a pass over all of them with the
ceiling page between, so that a scenario's rounds lie minutes apart; each
round's ratio is taken against the ceiling runs beside it
(``ratios.compare_with_ceiling``), and the scenario is reported by the median
of its rounds.
"""

import statistics

# What a round keeps of its measurement, beside the medians.
ROUND_KEYS = ("rps", "ratio_to_ceiling", "cpu_ratio_to_ceiling", "p50_ms", "p99_ms", "queries")


def merge_rounds(results: list[dict]) -> list[dict]:
    """One result per scenario from its rounds (results with the same name):
    the median of each number, the rounds' own numbers under ``rounds``.

    Ceiling runs are kept as they are, in their order. A scenario takes its
    place at its first round. Its status is the first that was not 200, its
    query count the largest any round's probe saw.
    """
    by_name: dict[str, list[dict]] = {}
    for result in results:
        if not result["kind"].startswith("ceiling"):
            by_name.setdefault(result["name"], []).append(result)
    merged = []
    for result in results:
        if result["kind"].startswith("ceiling"):
            merged.append(result)
        elif by_name[result["name"]][0] is result:
            merged.append(merge(by_name[result["name"]]))
    return merged


def merge(rounds: list[dict]) -> dict:
    """A scenario's result from its rounds (see ``merge_rounds``).

    A round in which no request finished counts as the worst round, not as
    a missing one: its ratio is 0, and the scenario's latency target fails
    (``stalled_rounds``; its p99 is unknown, not small).
    """
    stalled = [r for r in rounds if r.get("status") == 200 and r.get("rps") == 0]
    for stuck in stalled:
        stuck["ratio_to_ceiling"] = 0.0
    first = rounds[0]
    if len(rounds) == 1:
        return {**first, "rounds": [_kept(first)], "stalled_rounds": len(stalled)}
    result = {**first, "stalled_rounds": len(stalled)}
    for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "ratio_to_ceiling", "cpu_ratio_to_ceiling"):
        result[key] = median([r.get(key) for r in rounds])
    result["ceiling_beside_rps"] = median([r.get("ceiling_beside_rps") for r in rounds])
    result["status"] = next((r["status"] for r in rounds if r["status"] != 200), first["status"])
    counts = [r["queries"] for r in rounds if r.get("queries") is not None]
    result["queries"] = max(counts) if counts else None
    spent = [r["cpu_ms"] for r in rounds if r.get("cpu_ms")]
    if spent:
        result["cpu_ms"] = {side: median([s[side] for s in spent]) for side in spent[0]}
    latencies = [r["latency"] for r in rounds if r.get("latency")]
    if latencies:
        result["latency"] = {
            **latencies[0],
            **{
                key: median([light.get(key) for light in latencies])
                for key in ("rps", "p50_ms", "p95_ms", "p99_ms")
            },
            "requests": sum(light["requests"] for light in latencies),
            "non_2xx": sum(light["non_2xx"] for light in latencies),
        }
    runs = [r["wrk"] for r in rounds if r.get("wrk")]
    if runs:
        result["wrk"] = {
            **runs[0],
            "requests": sum(run["requests"] for run in runs),
            "non_2xx": sum(run["non_2xx"] for run in runs),
            "errors": {
                kind: sum((run.get("errors") or {}).get(kind, 0) for run in runs)
                for kind in {kind for run in runs for kind in (run.get("errors") or {})}
            },
        }
    errors = [r["error"] for r in rounds if r.get("error")]
    if errors:
        result["error"] = errors[0]
    notes = list(dict.fromkeys(r["note"] for r in rounds if r.get("note")))
    if notes:
        result["note"] = "; ".join(notes)
    result["rounds"] = [_kept(r) for r in rounds]
    return result


def _kept(result: dict) -> dict:
    kept = {key: result.get(key) for key in ROUND_KEYS}
    kept["latency_p99_ms"] = (result.get("latency") or {}).get("p99_ms")
    kept["cpu_ms"] = result.get("cpu_ms")
    return kept


def median(values: list) -> float | None:
    """The median of the values that are there (None when none is)."""
    present = [value for value in values if value is not None]
    return round(statistics.median(present), 4) if present else None
