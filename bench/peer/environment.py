"""The peer's own virtual environment: django-helpdesk from PyPI, pinned in requirements.txt.

It lives in var/bench-peer/venv (var/ is git-ignored) and is made once; a
stamp holding the requirements' hash tells a later run that nothing changed.
It uses the same interpreter as Clientdesk's .venv, so both sides run the same
Python.
"""

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = Path(__file__).with_name("requirements.txt")
PEER_DIR = ROOT / "var" / "bench-peer"
VENV = PEER_DIR / "venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".requirements-sha256"
UV = Path(sys.executable).with_name("uv")


def ensure_venv() -> dict:
    """Create or update the peer's venv; return what was done and how long it took."""
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return {"path": str(VENV.relative_to(ROOT)), "installed": False, "seconds": 0.0}
    started = time.monotonic()
    PEER_DIR.mkdir(parents=True, exist_ok=True)
    if UV.exists():
        # uv is in Clientdesk's dev tools already and installs in seconds.
        if not PYTHON.exists():
            _run([str(UV), "venv", "--quiet", "--python", sys.executable, str(VENV)])
        install = ["pip", "install", "--quiet", "--python", str(PYTHON)]
        _run([str(UV), *install, "-r", str(REQUIREMENTS)])
    else:
        if not PYTHON.exists():
            _run([sys.executable, "-m", "venv", str(VENV)])
        _run([str(PYTHON), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)])
    STAMP.write_text(wanted + "\n")
    return {
        "path": str(VENV.relative_to(ROOT)),
        "installed": True,
        "seconds": round(time.monotonic() - started, 1),
    }


def installed_versions() -> dict:
    """The versions the peer actually runs (from its venv, not from the pins)."""
    code = (
        "import importlib.metadata as m, platform, json;"
        "print(json.dumps({name: m.version(name) for name in"
        " ('django-helpdesk', 'django', 'djangorestframework', 'gunicorn', 'psycopg')}"
        " | {'python': platform.python_version()}))"
    )
    done = subprocess.run([str(PYTHON), "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _run(command: list[str]) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True)
