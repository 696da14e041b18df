"""The embedded web server keeps answering while browsers hold connections open.

Starts gunicorn exactly as `manage.py serve` does (common.serving, which reads
gunicorn.conf.py) on a free port, against a copy of the test database.
"""

import http.client
import os
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from common.serving import gunicorn_command

ROOT = Path(__file__).resolve().parents[2]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port, path, timeout):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def _database_env(var_dir):
    """The served app reads the migrated test database: a file copy on SQLite.

    Needs transactional_db: a copy waits for the test's open transaction forever.
    """
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(var_dir / "clientdesk.sqlite3") as target:
            connection.connection.backup(target)
        return {}
    db = connection.settings_dict
    return {
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{db['NAME']}"
        )
    }


@pytest.fixture
def served(transactional_db, tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(CLIENTDESK_ENV="test", CLIENTDESK_VAR_DIR=str(tmp_path))
    env.update(_database_env(tmp_path))
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [*gunicorn_command(port=port, workers=2), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _get(port, "/accounts/login/", timeout=10)[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
        # Both workers render the page once, so what is timed below is waiting, not warming up.
        for _ in range(4):
            _get(port, "/accounts/login/", timeout=30)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_served_app_answers_at_once_while_idle_and_half_sent_connections_are_open(served):
    held = [socket.create_connection(("127.0.0.1", served)) for _ in range(6)]
    slow = socket.create_connection(("127.0.0.1", served))
    slow.sendall(b"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the rest
    held.append(slow)
    try:
        time.sleep(0.3)  # let the server accept them before timing
        for _ in range(3):
            started = time.monotonic()
            status, body = _get(served, "/accounts/login/", timeout=30)
            assert status == 200
            assert 'name="password"' in body
            # A stalled worker answers only after the idle ones time out (30 s or
            # more); a few seconds is a busy CI machine, not a stall.
            assert time.monotonic() - started < 8
    finally:
        for sock in held:
            sock.close()
