"""What both runners (``make bench``, ``make bench-peer``) record about a run and how they
read their settings and write their results, so the two files say the same things alike."""

import datetime
import json
import os
import platform
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def env_int(name: str, default: int) -> int:
    """A whole-number setting from the environment (BENCH_SECONDS…), or ``default``."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def today() -> str:
    """The UTC date: `make bench` runs with Django's time zone, `make bench-peer`
    without it, and a pair measured around midnight must name the same file."""
    return datetime.datetime.now(datetime.UTC).date().isoformat()


def load_average() -> list[float]:
    """The machine's load averages: how shared it was while measuring."""
    return [round(value, 2) for value in os.getloadavg()]


def machine(postgresql: str | None) -> dict:
    """The cores, platform, Python and PostgreSQL a run measured on, and its load before."""
    return {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "postgresql": postgresql,
        "load_average_before": load_average(),
    }


def git_commit(where: str | Path = ROOT) -> str:
    """The commit of ``where``, with "+changes" when its work tree differs; "unknown"
    outside a repository (a checkout exported for a before-and-after run)."""
    git = shutil.which("git")
    if git is None:
        return "unknown"
    try:
        commit = subprocess.run(
            [git, "rev-parse", "--short", "HEAD"], cwd=where, capture_output=True, text=True
        )
        dirty = subprocess.run(
            [git, "status", "--porcelain", "--untracked-files=no"],
            cwd=where,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    if commit.returncode != 0:
        return "unknown"
    return f"{commit.stdout.strip()}+changes" if dirty else commit.stdout.strip()


def write_results(document: dict, name: str) -> Path:
    """bench/results/<name>.json."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path
