"""Render bench/results/<date>.md from our results JSON and, if there, the peer's.

``make bench`` writes ``<date>.json`` (``<date>-<label>.json`` with BENCH_LABEL),
``make bench-peer`` writes ``<date>-peer.json``; each then calls
``render_files(date)`` (or ``main([date])``), so whichever runs second renders
both side by side, in either order. The newest ``*-before.json`` in the folder
is shown as the "before" of a run without a label.

Both JSON files have the same shape per scenario: ``name``, ``kind``, ``path``,
``what``, ``rps``, ``p50_ms``, ``p95_ms``, ``p99_ms``, ``queries``, ``bytes``,
``ratio_to_ceiling``; and a ``ceiling`` with its ``rps`` and ``bare_view_rps``.
The comparison is a ratio of ratios: (ours ÷ our ceiling) ÷ (theirs ÷ their
ceiling), each scenario beside the peer's scenario of the same kind.
"""

import datetime
import json
import sys
from pathlib import Path

from bench.facts import RESULTS

# Which of the peer's scenarios (by kind) stands beside each kind of ours.
PEER_COUNTERPART = {
    "list": "list-with-rows",
    "record": "record",
    "dashboard": "dashboard",
    "api-list": "list-rows-50",
}
CRITERIA = {
    "answered": "not 2xx",
    "ratio": "< 50 % of ceiling",
    "p99": "p99",
    "queries": "queries",
    "home_p99": "home p99",
    "home_rss": "worker RSS",
}


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.report [date] [label]``: render that date's results (default today)."""
    argv = sys.argv[1:] if argv is None else argv
    date = argv[0] if argv else datetime.date.today().isoformat()
    label = argv[1] if len(argv) > 1 else ""
    path = render_files(date, label)
    print(f"Wrote {path}")
    return 0


def render_files(date: str, label: str = "") -> Path:
    """Write ``<date>[-label].md`` from the JSON files there are; return its path."""
    stem = date + (f"-{label}" if label else "")
    ours = _load(RESULTS / f"{stem}.json")
    peer = _load(RESULTS / f"{date}-peer.json")
    before = None
    if not label:
        befores = sorted(RESULTS.glob("*-before.json"))
        before = _load(befores[-1]) if befores else None
    path = RESULTS / f"{stem}.md"
    path.write_text(render(ours, peer, before, date=date))
    return path


def _load(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def render(ours: dict | None, peer: dict | None, before: dict | None = None, date="") -> str:
    """The results as Markdown: ours, the targets, beside the peer, before and after, method."""
    title = f"# Benchmark {ours['date'] if ours else date}"
    if ours and ours.get("label"):
        title += f" ({ours['label']})"
    lines = [title, ""]
    if ours:
        lines += _ours(ours)
    else:
        lines += ["Clientdesk has not been measured on this date yet (`make bench`).", ""]
    if peer:
        lines += _peer(ours, peer)
    if ours and before and before is not ours:
        lines += _before_after(before, ours)
    lines += _method(ours, peer)
    return "\n".join(lines) + "\n"


def _ours(doc: dict) -> list[str]:
    machine, scale, server, load = doc["machine"], doc["data"]["scale"], doc["server"], doc["load"]
    targets = doc["data"]["targets"]
    lines = [
        f"Commit `{doc['commit']}`, {doc['generated_at']}. Machine: {machine['cores']} cores, "
        f"{machine['platform']}, PostgreSQL {machine.get('postgresql', '?')}, Python "
        f"{machine.get('python', '?')}; load average before {machine['load_average_before']}, "
        f"after {machine.get('load_average_after', '?')} (the machine is shared: compare runs "
        "with care).",
        "",
        "**Data**: "
        + ", ".join(f"{value:,} {key.replace('_', ' ')}" for key, value in scale.items())
        + f" (users and records from {targets['source']}).",
        "",
        f"**Users**: staff = `{targets['staff_email']}`; client = `{targets['client_admin_email']}`"
        f", administrator of {targets['client_name']} ({targets['client_sites']} sites); its site "
        f"#{targets['site_id']} (most inspections) and inspection #{targets['inspection_id']}.",
        "",
        f"**Server**: {server['server']} {server['worker_class']}, {server['workers']} workers × "
        f"{server['threads']} threads, {server['settings']}; API rate limit raised to "
        f"{server['api_rate_limit']} so that wrk measures the app, not the throttle; cache "
        f"{server['cache']}.",
        "",
        f"**Load**: wrk, {load['connections']} connections, {load['wrk_threads']} threads, "
        f"{load['warmup_seconds']} s warm-up"
        + (" (1 s in later rounds)" if load.get("rounds", 1) > 1 else "")
        + f" then {load['seconds']} s per scenario"
        + (
            f", in {load['rounds']} rounds (passes over every scenario, minutes apart); each "
            "number below is the median of its rounds, and “÷ ceiling” gives the rounds' "
            "lowest and highest in brackets"
            if load.get("rounds", 1) > 1
            else ""
        )
        + (f"; only scenarios matching “{load['only']}”" if load.get("only") else "")
        + ".",
        "",
        f"**Ceiling**: a bare Django view {_num(doc['ceiling']['bare_view_rps'])} rps; the "
        f"logged-in 50-row page {_num(doc['ceiling']['rps'])} rps (runs: "
        f"{', '.join(_num(r) for r in doc['ceiling']['runs_rps'])}). “÷ ceiling” below is "
        "each scenario's rps divided by the 50-row page's measured just before and just "
        f"after it ({load.get('ceiling_seconds', '?')} s each, between scenarios: the shared "
        f"machine's speed drifts within a run; {_beside_range(doc)}). “CPU ms” is what one request "
        "cost the app's workers + PostgreSQL in the measured window (read from /proc), "
        "and “÷ by CPU” the ceiling page's CPU per request divided by the scenario's: "
        "the same cost seen from the server, compared with the same ceiling runs. "
        f"“p99 ms, {_latency_connections(doc)} conn.” is what one visitor waits while the "
        f"server has room: wrk again for {load.get('latency_seconds', '?')} s with a "
        "connection per core, each request on a new connection (`Connection: close`) so "
        "that it reaches whichever worker is free; the 100 ms target is held to it.",
        "",
        "## Results",
        "",
        "| scenario | rps | p50 ms | p95 ms | p99 ms | p99 ms, "
        f"{_latency_connections(doc)} conn. | SQL | size | ÷ ceiling | CPU ms | ÷ by CPU "
        "| targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    pdfs = []
    for result in doc["scenarios"]:
        if result["kind"] == "pdf":
            pdfs.append(result)
            continue
        if result["kind"] == "ceiling-beside":
            continue
        lines.append(
            f"| {result['name']} | {_num(result['rps'])} | {_num(result['p50_ms'])} | "
            f"{_num(result['p95_ms'])} | {_num(result['p99_ms'])} | "
            f"{_num((result.get('latency') or {}).get('p99_ms'))} | {_num(result['queries'])} | "
            f"{_size(result['bytes'])} | {_ratio_and_spread(result)} | "
            f"{_cpu(result.get('cpu_ms'))} | {_ratio(result.get('cpu_ratio_to_ceiling'))} | "
            f"{_verdict(result)} |"
        )
    notes = [r for r in doc["scenarios"] if r.get("note")]
    if notes:
        lines += ["", *(f"- {r['name']}: {r['note']}." for r in notes)]
    for pdf in pdfs:
        timed = pdf.get("sequential") or {}
        if pdf.get("error"):
            lines += ["", f"**{pdf['name']}** ({pdf['path']}): {pdf['error']}."]
            continue
        lines += [
            "",
            f"**{pdf['name']}** ({pdf['path']}), {timed.get('requests', 0)} requests one after "
            f"another: p50 {_num(timed.get('p50_ms'))} ms, max {_num(timed.get('max_ms'))} ms, "
            f"{_size(pdf['bytes'])}, {_num(pdf['queries'])} SQL queries.",
        ]
    lines += ["", "**Workers after the run** (resident memory now, and at its peak):", ""]
    lines += [
        f"- pid {w['pid']}: {_num(w['rss_mb'])} MB (peak {_num(w['peak_rss_mb'])} MB)"
        for w in doc["workers_after_run"]
    ]
    lines += ["", *_targets_summary(doc), ""]
    return lines


def _latency_connections(doc: dict) -> str:
    return str(doc["load"].get("latency_connections", "—"))


def _targets_summary(doc: dict) -> list[str]:
    checked = [r for r in doc["scenarios"] if r.get("targets_met") is not None]
    missed = [r for r in checked if not all(r["targets_met"].values())]
    lines = [
        "## Targets",
        "",
        f"Targets: {doc['targets']}.",
        "",
        f"**{len(checked) - len(missed)} of {len(checked)} scenarios meet every target.**",
    ]
    if missed:
        lines += ["", "Missed:", ""]
        for result in missed:
            why = [CRITERIA[name] for name, ok in result["targets_met"].items() if not ok]
            detail = f" ({result['error']})" if result.get("error") else ""
            lines.append(f"- {result['name']}: {', '.join(why)}{detail}")
    return lines


def _verdict(result: dict) -> str:
    met = result.get("targets_met")
    if result.get("error"):
        return f"✗ {result['error']}"
    if met is None:
        return "—"
    missed = [CRITERIA[name] for name, ok in met.items() if not ok]
    return "✓" if not missed else "✗ " + ", ".join(missed)


def _peer(ours: dict | None, peer: dict) -> list[str]:
    info = peer.get("peer", {})
    versions = info.get("versions", {})
    data = peer.get("data", {})
    ceiling = peer.get("ceiling", {})
    lines = [
        f"## Beside the peer: {info.get('name', 'peer')} {versions.get('django-helpdesk', '')}",
        "",
        f"Measured {peer.get('generated_at', peer.get('date'))} on the same machine with the same "
        f"server settings ({_settings(peer.get('server', {}))}) and load; data: "
        f"{_num(data.get('tickets'))} tickets, {_num(data.get('followups'))} follow-ups. Its "
        f"ceiling: bare view {_num(ceiling.get('bare_view_rps'))} rps, its own 50-row page "
        f"{_num(ceiling.get('rps'))} rps.",
        "",
    ]
    if ours:
        same = _settings(ours["server"]) == _settings(peer.get("server", {}))
        if not same:
            lines += ["**The two sides ran with different server settings.**", ""]
        lines += [
            "Each of our scenarios beside the peer's of the same kind: ours ÷ our ceiling "
            "against theirs ÷ their ceiling. Above 1, we keep more of our machine's ceiling "
            "than the peer keeps of its own.",
            "",
            "| our scenario | ours ÷ ceiling | peer's scenario | theirs ÷ ceiling "
            "| ratio of ratios |",
            "| --- | ---: | --- | ---: | ---: |",
        ]
        theirs = {r["kind"]: r for r in peer.get("scenarios", [])}
        for result in ours["scenarios"]:
            counterpart = theirs.get(PEER_COUNTERPART.get(result["kind"], ""))
            if counterpart is None:
                continue
            mine, other = result.get("ratio_to_ceiling"), counterpart.get("ratio_to_ceiling")
            theirs_text = _ratio(other)
            if not other and counterpart.get("rps") == 0:
                theirs_text = "none finished under load"
            both = mine is not None and other
            lines.append(
                f"| {result['name']} | {_ratio(mine)} | {counterpart['name']} | {theirs_text} | "
                f"{_num(mine / other, 2) if both else '—'} |"
            )
        lines.append("")
    lines += [
        f"The peer's own results ({info.get('name', 'peer')}):",
        "",
        "| scenario | rps | p50 ms | p95 ms | p99 ms | SQL | size | ÷ its ceiling |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in peer.get("scenarios", []):
        lines.append(
            f"| {result['name']} | {_num(result.get('rps'))} | {_num(result.get('p50_ms'))} | "
            f"{_num(result.get('p95_ms'))} | {_num(result.get('p99_ms'))} | "
            f"{_num(result.get('queries'))} | {_size(result.get('bytes'))} | "
            f"{_ratio(result.get('ratio_to_ceiling'))} |"
        )
    notes = [r for r in peer.get("scenarios", []) if r.get("note")]
    if notes:
        lines += ["", *(f"- {r['name']}: {r['note']}." for r in notes)]
    workers = peer.get("workers_after_run") or []
    if workers:
        memory = ", ".join(f"{_num(w['rss_mb'])} MB" for w in workers)
        lines += ["", f"Its workers after the run: {memory}."]
    return [*lines, ""]


def _settings(server: dict) -> str:
    return (
        f"{server.get('worker_class')}, {server.get('workers')} workers × "
        f"{server.get('threads')} threads"
    )


def _before_after(before: dict, after: dict) -> list[str]:
    earlier = {r["name"]: r for r in before["scenarios"]}
    lines = [
        f"## Before and after (before: {before['date']}, commit `{before['commit']}`)",
        "",
        f"Ceiling page: {_num(before['ceiling']['rps'])} rps before, "
        f"{_num(after['ceiling']['rps'])} now.",
        "",
        "| scenario | rps | p99 ms | SQL | size | ÷ ceiling |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in after["scenarios"]:
        old = earlier.get(result["name"])
        if old is None or result["kind"].startswith("ceiling"):
            continue
        lines.append(
            f"| {result['name']} | {_num(old.get('rps'))} → {_num(result.get('rps'))} | "
            f"{_num(old.get('p99_ms'))} → {_num(result.get('p99_ms'))} | "
            f"{_num(old.get('queries'))} → {_num(result.get('queries'))} | "
            f"{_size(old.get('bytes'))} → {_size(result.get('bytes'))} | "
            f"{_ratio(old.get('ratio_to_ceiling'))} → {_ratio(result.get('ratio_to_ceiling'))} |"
        )
    return [*lines, ""]


def _method(ours: dict | None, peer: dict | None) -> list[str]:
    lines = ["## What was measured, how, and what was not", ""]
    for side, doc in (("Clientdesk", ours), ("The peer", peer)):
        if doc is None:
            continue
        lines += [f"**{side}**: {doc.get('method', '')}", ""]
        missing = doc.get("not_measured") or []
        if missing:
            lines += ["Not measured:", "", *(f"- {item}" for item in missing), ""]
    return lines


def _num(value, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def _beside_range(doc: dict) -> str:
    runs = [r["rps"] for r in doc["scenarios"] if r["kind"] == "ceiling-beside" and r.get("rps")]
    if not runs:
        return "not measured in this run"
    return f"those runs gave {_num(min(runs))} to {_num(max(runs))} rps"


def _cpu(spent: dict | None) -> str:
    """ "4.1 + 1.2": the app's and the database's CPU milliseconds per request."""
    if not spent:
        return "—"
    return f"{spent['app']:.1f} + {spent['db']:.1f}"


def _ratio_and_spread(result: dict) -> str:
    """ "52 % (47–58)": the median round's ratio, then the lowest and highest round's."""
    text = _ratio(result.get("ratio_to_ceiling"))
    rounds = result.get("rounds") or []
    ratios = [r["ratio_to_ceiling"] for r in rounds if r["ratio_to_ceiling"] is not None]
    if len(ratios) > 1:
        text += f" ({min(ratios):.0%}–{max(ratios):.0%})".replace("%–", "–")
    return text


def _ratio(value) -> str:
    return "—" if value is None else f"{value:.0%}" if value >= 0.1 else f"{value:.1%}"


def _size(value) -> str:
    if value is None:
        return "—"
    return f"{value / 1024:,.1f} KB" if value >= 1024 else f"{value} B"


if __name__ == "__main__":
    sys.exit(main())
