"""The peer's PostgreSQL database: its URL, its creation, how many tickets it gets.

The peer gets as many tickets as Clientdesk's benchmark data has inspections
(its busiest record), read from the BENCH_DATABASE_URL database; without that
table, BENCH_PEER_TICKETS (default 300,000, the large scale) says how many.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_TICKETS = 300_000
LARGE_DATABASE = "clientdesk_bench_peer"
# Development runs at a tenth of the scale keep their own database, so that a
# quick run does not reload the large one (a reload replaces every row).
SMALL_DATABASE = "clientdesk_bench_peer_small"
SMALL_BELOW = 100_000


def ticket_count(bench_url: str) -> tuple[int, str]:
    """How many tickets to load, and where that number came from."""
    try:
        with psycopg.connect(bench_url, connect_timeout=5) as connection:
            exists = connection.execute("SELECT to_regclass('quality_inspection')").fetchone()
            if exists and exists[0]:
                row = connection.execute("SELECT count(*) FROM quality_inspection").fetchone()
                if row and row[0]:
                    name = urlsplit(bench_url).path.lstrip("/")
                    return row[0], f"inspections in {name} (quality_inspection)"
    except psycopg.OperationalError:
        pass  # no Clientdesk benchmark database yet: fall back to the variable
    if os.environ.get("BENCH_PEER_TICKETS"):
        return int(os.environ["BENCH_PEER_TICKETS"]), "BENCH_PEER_TICKETS"
    return DEFAULT_TICKETS, "default (the large scale's 300,000 inspections)"


def peer_url(bench_url: str, tickets: int) -> str:
    """BENCH_DATABASE_URL's server and credentials, with the peer's database name."""
    name = SMALL_DATABASE if tickets < SMALL_BELOW else LARGE_DATABASE
    parts = urlsplit(bench_url)
    return urlunsplit(parts._replace(path="/" + name))


def ensure_database(url: str) -> bool:
    """Create the database of ``url`` unless it exists; True if it was created."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone():
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def loaded_counts(url: str) -> dict:
    """What the peer's database holds, for the results file."""
    with psycopg.connect(url) as connection:
        counts = {}
        for key, table in [
            ("tickets", "helpdesk_ticket"),
            ("followups", "helpdesk_followup"),
            ("ticket_changes", "helpdesk_ticketchange"),
            ("queues", "helpdesk_queue"),
            ("staff_users", "auth_user"),
        ]:
            row = connection.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()
            counts[key] = row[0] if row else 0
        open_row = connection.execute(
            "SELECT count(*) FROM helpdesk_ticket WHERE status IN (1, 2)"
        ).fetchone()
        counts["open_tickets"] = open_row[0] if open_row else 0
        return counts


def ticket_with_followups(url: str, followups: int = 4) -> int:
    """The newest ticket with exactly ``followups`` follow-ups: the ticket page's example."""
    with psycopg.connect(url) as connection:
        row = connection.execute(
            # Newest first on the primary key, counting on the follow-ups' ticket index.
            "SELECT t.id FROM helpdesk_ticket t WHERE (SELECT count(*) FROM helpdesk_followup f"
            " WHERE f.ticket_id = t.id) = %s ORDER BY t.id DESC LIMIT 1",
            [followups],
        ).fetchone()
    if row is None:
        raise RuntimeError(f"No ticket with {followups} follow-ups: is the peer loaded?")
    return row[0]
