"""Serve a WSGI app with gunicorn on loopback for a benchmark; stop it; read its workers' memory.

Project-neutral: ``make bench`` serves Clientdesk with it and ``make bench-peer``
serves django-helpdesk from its own virtual environment, with the same settings::

    from bench.server import free_port, start

    server = start(
        "helpdesk_site.wsgi",              # WSGI app, as gunicorn takes it
        python="/path/to/peer/.venv/bin/python",   # must have gunicorn installed
        cwd="/path/to/peer/project",
        env={"DJANGO_SETTINGS_MODULE": "helpdesk_site.settings", ...},  # added to os.environ
        port=free_port(8320, 8329),        # or None: any free loopback port
        ready_path="/helpdesk/login/",     # waits until this answers (any status < 500)
    )
    try:
        ...measure server.url + "/..." with bench.load...
        server.wait_until_idle(database_url)   # between scenarios: abandoned requests finish
        workers = server.workers()     # [{"pid", "rss_mb", "peak_rss_mb"}], from /proc
    finally:
        server.stop()

Both sides run the settings in ``SERVER_SETTINGS`` (gunicorn.conf.py's
production settings, from bench/gunicorn_bench.conf.py, with 2 workers of 8
threads unless BENCH_WORKERS / BENCH_THREADS say otherwise); ``server.settings``
is what the results file should print.
"""

import http.client
import os
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_FILE = Path(__file__).with_name("gunicorn_bench.conf.py")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
IDLE_INTERVAL = 0.5
IDLE_CPU_FRACTION = 0.05

# Two workers: one per core of the 2-core machine, as in production. Eight
# threads each: as many as wrk's 8 connections, so even if every connection
# lands on one worker none waits for a thread; more threads would only add
# database connections. The rest is gunicorn.conf.py's (gthread, keep-alive 5 s).
SERVER_SETTINGS: dict[str, Any] = {
    "server": "gunicorn",
    "worker_class": "gthread",
    "workers": int(os.environ.get("BENCH_WORKERS", "2")),
    "threads": int(os.environ.get("BENCH_THREADS", "8")),
    "keepalive_seconds": 5,
    "timeout_seconds": 60,
    "bind": "loopback (127.0.0.1)",
}


def free_port(first: int = 0, last: int = 0) -> int:
    """A loopback port nobody listens on: the first free one in first..last, or any if 0."""
    candidates = range(first, last + 1) if first else [0]
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"No free loopback port in {first}-{last}.")


@dataclass
class Server:
    """A running gunicorn: its master process, address and log file."""

    process: subprocess.Popen
    port: int
    log_path: Path
    settings: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[dict]:
        """Each worker's pid, resident memory now and at its peak (MB), read from /proc."""
        return [_memory(pid) for pid in _children(self.process.pid)]

    def cpu_seconds(self) -> dict[str, dict[int, float]]:
        """CPU time used so far by each worker ("app") and each PostgreSQL
        process ("db"), by pid, from /proc. Per process, because backends come
        and go: a total would drop when one ends (see bench.ratios.cpu_spent)."""
        return {
            "app": {pid: _cpu_seconds([pid]) for pid in _children(self.process.pid)},
            "db": {pid: _cpu_seconds([pid]) for pid in _named("postgres")},
        }

    def wait_until_idle(self, database_url: str | None = None, limit: float = 120) -> float:
        """Block until the workers (and the database, if given) are idle; return the wait in s.

        wrk closes its connections at the end of its window, but gunicorn's
        threads finish the requests they hold and PostgreSQL their queries: a
        page slower than the window would still run while the next one is
        measured. Idle: the workers used under 5 % of a core over half a
        second and no other query is active on the database.
        """
        started = time.monotonic()
        connection = None
        if database_url:
            import psycopg  # Only the measuring side needs it, never the served app.

            connection = psycopg.connect(database_url, autocommit=True)
        try:
            before = _cpu_seconds(_children(self.process.pid))
            while time.monotonic() - started < limit:
                time.sleep(IDLE_INTERVAL)
                now = _cpu_seconds(_children(self.process.pid))
                busy, before = (now - before) / IDLE_INTERVAL, now
                if busy < IDLE_CPU_FRACTION and not _active_queries(connection):
                    break
        finally:
            if connection is not None:
                connection.close()
        return round(time.monotonic() - started, 1)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop gracefully (SIGTERM, as in production), killing after 15 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(
    wsgi_app: str,
    *,
    python: str,
    cwd: str | Path,
    env: dict[str, str] | None = None,
    port: int | None = None,
    ready_path: str = "/",
    ready_timeout: float = 120,
    log_path: str | Path | None = None,
) -> Server:
    """Start gunicorn serving ``wsgi_app`` with ``python`` in ``cwd``; return once it answers.

    ``env`` is added to this process's environment; gunicorn's log goes to
    ``log_path`` (default: the temp folder). Ready means ``ready_path``
    answered with any status below 500 (a redirect to the login page counts).
    Raises RuntimeError with the end of gunicorn's log if it exits or does not
    answer within ``ready_timeout`` seconds.
    """
    port = port or free_port()
    log_path = Path(log_path or Path(tempfile.gettempdir()) / f"bench-gunicorn-{port}.log")
    command = [
        python,
        "-m",
        "gunicorn",
        "--config",
        str(CONFIG_FILE),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(SERVER_SETTINGS["workers"]),
        "--threads",
        str(SERVER_SETTINGS["threads"]),
        wsgi_app,
    ]
    log = log_path.open("w")
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
        # Its own process group: Ctrl-C on the runner reaches us first, and we stop it.
        start_new_session=True,
    )
    log.close()
    server = Server(process, port, log_path, dict(SERVER_SETTINGS))
    deadline = time.monotonic() + ready_timeout
    errors = 0
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}):\n{server.log_tail()}")
        status = _status(port, ready_path)
        if status is not None and status < 500:
            break
        # A server error is no start-up delay: three in a row mean a broken app.
        errors = errors + 1 if status is not None else 0
        if errors >= 3 or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"{ready_path} did not answer ({status}):\n{server.log_tail()}")
        time.sleep(0.3)
    # Every worker imports the app on its own: wait until all have started.
    while len(_children(process.pid)) < SERVER_SETTINGS["workers"]:
        if time.monotonic() > deadline:
            break
        time.sleep(0.3)
    return server


def _status(port: int, path: str) -> int | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def _processes() -> list[tuple[int, str, int]]:
    """(pid, command, parent pid) of every process, from /proc/<pid>/stat."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (command) state ppid …": the command may hold spaces and parentheses.
        head, tail = stat.rsplit(")", 1)
        found.append((int(entry.name), head.split("(", 1)[1], int(tail.split()[1])))
    return found


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (gunicorn's workers)."""
    return sorted(child for child, _command, parent in _processes() if parent == pid)


def _named(command: str) -> list[int]:
    """The processes whose command is ``command`` (PostgreSQL's server and backends)."""
    return [pid for pid, name, _parent in _processes() if name == command]


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        # After the command name: utime and stime are the 12th and 13th fields.
        fields = stat.rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def _active_queries(connection) -> int:
    if connection is None:
        return 0
    row = connection.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND state = 'active' AND pid <> pg_backend_pid()"
    ).fetchone()
    return row[0] if row else 0


def _memory(pid: int) -> dict:
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024  # kB → MB
    except OSError:
        pass
    return {
        "pid": pid,
        "rss_mb": round(values.get("VmRSS", 0.0), 1),
        "peak_rss_mb": round(values.get("VmHWM", 0.0), 1),
    }
