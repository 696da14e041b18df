"""Load the peer's data at scale: queues, staff, tickets with follow-ups, by COPY.

    manage.py load_peer_tickets --tickets 300000 --password …

As many tickets as Clientdesk's benchmark data has inspections, spread over
three years with busy months, most of them resolved or closed, the recent ones
open; about four follow-ups each (the opening, replies, the resolution) and a
status change for each follow-up that changes the status. Rows go in with
PostgreSQL's COPY in one transaction, so an interrupted load leaves nothing
half done; the same --tickets and --seed load the same rows. A database that
already holds exactly that many tickets is left as it is (``--force`` reloads).
"""

import random
import time
import uuid
from datetime import UTC, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from helpdesk import settings as helpdesk_settings

OPEN, REOPENED, RESOLVED, CLOSED = 1, 2, 3, 4
STATUS_NAMES = {OPEN: "Open", REOPENED: "Reopened", RESOLVED: "Resolved", CLOSED: "Closed"}

QUEUES = [
    ("Cleaning", "cleaning"),
    ("Technical maintenance", "maintenance"),
    ("After-sales repair", "repair"),
    ("Security", "security"),
    ("Waste and recycling", "waste"),
    ("Grounds and winter", "grounds"),
    ("Complaints", "complaints"),
    ("Billing questions", "billing"),
]
STAFF_USERS = 500  # as Clientdesk's large scale
SUBMITTERS = 5000  # as its client users; in helpdesk they are e-mail addresses only
YEARS = 3
# Busy months: the same shape in every year (winter and the spring clean-up).
MONTH_WEIGHT = [1.3, 1.2, 1.1, 1.4, 1.0, 0.8, 0.6, 0.7, 1.0, 1.1, 1.2, 1.4]
RECENT_DAYS = 30

SENTENCES = (
    "the floor in the entrance was not cleaned again this morning and the bins are full "
    "please send someone to check the heating on the second floor it stopped working "
    "customer reports a broken door lock at the loading dock the alarm went off twice "
    "during the night the snow was not cleared from the parking place near the shop "
    "window glass has stains after yesterday's visit we expected the team at eight "
    "invoice for march lists two visits but only one took place the lift makes noise "
    "replacement part ordered technician will come on thursday between ten and twelve "
    "thank you the issue is fixed now we checked it together with the store manager"
)
WORDS = SENTENCES.split()


class Command(BaseCommand):
    help = "Load the peer's tickets, follow-ups, queues and staff at scale (COPY)."

    def add_arguments(self, parser):
        parser.add_argument("--tickets", type=int, required=True)
        parser.add_argument("--password", required=True, help="every staff user's password")
        parser.add_argument("--seed", type=int, default=18)
        parser.add_argument("--force", action="store_true", help="reload even if loaded")

    def handle(self, *args, tickets, password, seed, force, **options):
        loaded = _count("helpdesk_ticket")
        if loaded == tickets and _count("helpdesk_followup") and not force:
            self.stdout.write(f"already loaded: {tickets} tickets; nothing to do")
            return
        rng = random.Random(seed)  # noqa: S311 - repeatable test data, not secrets
        now = datetime.now(UTC).replace(microsecond=0)
        started = time.monotonic()
        with transaction.atomic(), connection.cursor() as cursor:
            _empty(cursor)
            staff_ids = _load_staff(cursor, password)
            queue_ids = _load_queues(cursor)
            self._took("queues and staff", started)
            step = time.monotonic()
            plans = _load_tickets(cursor, rng, now, tickets, staff_ids, queue_ids)
            self._took(f"{tickets} tickets", step)
            step = time.monotonic()
            followups, changes = _load_followups(cursor, rng, now, plans, staff_ids)
            self._took(f"{followups} follow-ups and {changes} ticket changes", step)
            for table in ("helpdesk_ticket", "helpdesk_followup", "helpdesk_ticketchange"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
        step = time.monotonic()
        # As a settled database: statistics and the visibility map for index-only scans.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        self._took("VACUUM ANALYZE", step)
        self._took("load", started)

    def _took(self, what, since):
        self.stdout.write(f"{what}: {time.monotonic() - since:.1f} s")


def _count(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
        return cursor.fetchone()[0]


def _empty(cursor):
    """Everything the loader makes, and what hangs on it (sessions, settings, searches)."""
    cursor.execute(
        "TRUNCATE helpdesk_ticketchange, helpdesk_followup, helpdesk_ticket, helpdesk_queue,"
        " helpdesk_usersettings, helpdesk_savedsearch, auth_user, django_session"
        " RESTART IDENTITY CASCADE"
    )


def _load_staff(cursor, raw_password):
    """Staff users staff001… with one password (hashed once) and helpdesk's default settings.

    COPY skips the post_save signal that makes each user's UserSettings, so
    those rows are written here with helpdesk's defaults.
    """
    password = make_password(raw_password)
    joined = datetime(2023, 1, 2, tzinfo=UTC)
    with cursor.copy(
        "COPY auth_user (id, password, is_superuser, username, first_name, last_name, email,"
        " is_staff, is_active, date_joined) FROM STDIN"
    ) as copy:
        for number in range(1, STAFF_USERS + 1):
            copy.write_row(
                (
                    number,
                    password,
                    number == 1,
                    f"staff{number:03d}",
                    f"Agent{number:03d}",
                    "Peer",
                    f"staff{number:03d}@peer.example",
                    True,
                    True,
                    joined,
                )
            )
    cursor.execute("SELECT setval(pg_get_serial_sequence('auth_user', 'id'), %s)", [STAFF_USERS])
    defaults = helpdesk_settings.DEFAULT_USER_SETTINGS
    with cursor.copy(
        "COPY helpdesk_usersettings (user_id, login_view_ticketlist, email_on_ticket_change,"
        " email_on_ticket_assign, tickets_per_page, use_email_as_submitter,"
        " ticket_respond_layout) FROM STDIN"
    ) as copy:
        for number in range(1, STAFF_USERS + 1):
            copy.write_row(
                (
                    number,
                    defaults["login_view_ticketlist"],
                    defaults["email_on_ticket_change"],
                    defaults["email_on_ticket_assign"],
                    defaults["tickets_per_page"],
                    defaults["use_email_as_submitter"],
                    defaults["ticket_respond_layout"],
                )
            )
    return list(range(1, STAFF_USERS + 1))


def _load_queues(cursor):
    ids = []
    for title, slug in QUEUES:
        cursor.execute(
            "INSERT INTO helpdesk_queue (title, slug, allow_public_submission,"
            " allow_email_submission, email_box_ssl, enable_notifications_on_email_events)"
            " VALUES (%s, %s, false, false, false, false) RETURNING id",
            [title, slug],
        )
        ids.append(cursor.fetchone()[0])
    return ids


def _text(rng, low, high):
    return " ".join(rng.choices(WORDS, k=rng.randint(low, high))).capitalize() + "."


def _created_at(rng, now):
    """A moment in the last three years, more often in busy months."""
    while True:
        moment = now - timedelta(seconds=rng.randrange(YEARS * 365 * 24 * 3600))
        if rng.random() * max(MONTH_WEIGHT) <= MONTH_WEIGHT[moment.month - 1]:
            return moment


def _load_tickets(cursor, rng, now, count, staff_ids, queue_ids):
    """COPY the tickets; return what the follow-ups need: (id, created, status, owner)."""
    created = sorted(_created_at(rng, now) for _ in range(count))
    plans = []
    with cursor.copy(
        "COPY helpdesk_ticket (id, title, created, modified, submitter_email, status, on_hold,"
        " description, resolution, priority, due_date, assigned_to_id, queue_id, secret_key)"
        " FROM STDIN"
    ) as copy:
        for ticket_id, opened in enumerate(created, start=1):
            recent = (now - opened).days < RECENT_DAYS
            if rng.random() < (0.6 if recent else 0.03):
                status = REOPENED if rng.random() < 0.1 else OPEN
            else:
                status = CLOSED if rng.random() < 0.7 else RESOLVED
            owner = rng.choice(staff_ids) if rng.random() < 0.85 else None
            modified = min(now, opened + timedelta(hours=rng.randint(1, 240)))
            copy.write_row(
                (
                    ticket_id,
                    _text(rng, 4, 9),
                    opened,
                    modified,
                    f"contact{rng.randrange(SUBMITTERS):04d}@client.example",
                    status,
                    False,
                    _text(rng, 20, 60),
                    _text(rng, 8, 20) if status in (RESOLVED, CLOSED) else None,
                    rng.choices([1, 2, 3, 4, 5], weights=[2, 8, 60, 20, 10])[0],
                    opened + timedelta(days=rng.randint(1, 14)) if rng.random() < 0.3 else None,
                    owner,
                    rng.choice(queue_ids),
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                )
            )
            plans.append((ticket_id, opened, modified, status, owner))
    return plans


def _load_followups(cursor, rng, now, plans, staff_ids):
    """About four follow-ups per ticket (2–6): opening, replies, and the resolution."""
    followup_id = 0
    changes = []
    with cursor.copy(
        "COPY helpdesk_followup (id, ticket_id, date, title, comment, public, new_status,"
        " user_id) FROM STDIN"
    ) as copy:
        for ticket_id, opened, modified, status, owner in plans:
            total = rng.choice([2, 3, 4, 4, 5, 6])
            span = max((modified - opened).total_seconds(), float(total))
            for index in range(total):
                followup_id += 1
                date = opened + timedelta(seconds=span * index / total)
                last = index == total - 1
                if index == 0:
                    row = ("Ticket Opened", _text(rng, 20, 60), True, None, None)
                elif last and status in (RESOLVED, CLOSED):
                    row = (STATUS_NAMES[status], _text(rng, 8, 20), True, status, owner)
                    changes.append((followup_id, STATUS_NAMES[OPEN], STATUS_NAMES[status]))
                else:
                    by = owner or rng.choice(staff_ids)
                    row = ("Comment", _text(rng, 10, 40), rng.random() < 0.7, None, by)
                title, comment, public, new_status, user = row
                copy.write_row(
                    (followup_id, ticket_id, date, title, comment, public, new_status, user)
                )
    with cursor.copy(
        "COPY helpdesk_ticketchange (followup_id, field, old_value, new_value) FROM STDIN"
    ) as copy:
        for followup, old, new in changes:
            copy.write_row((followup, "Status", old, new))
    return followup_id, len(changes)
