"""The company at scale, for benchmarks: ``make bench-data SCALE=large|small``.

``manage.py bench_data`` creates the database, migrates it and runs every
app's part of the data, registered in its ``capability.py``::

    register(BenchData("quality.bench.build", order=50))

Parts run by ``order``: accounts (10: staff), clients (20: clients, sites,
client users), notifications (30: preferences; listens to events), webhooks
(40: subscriptions; listens to events), quality (50: templates, plans,
inspections, corrective actions, ratings). Every part's module is imported
before the first part runs, so what a module registers on import (an events
listener) hears every part.

**Adding a part** (the requests desk: 1,000,000 requests, 4,000,000 messages):
write ``<app>/bench.py`` with ``build(run)`` and register it with an order
after the parts whose records it needs. In ``build``:

- size everything by ``run.count(<number in the large company>)``;
- draw from ``run.random("<app>.<what>")`` and place moments with
  ``run.calendar.moment(rng, after, before)`` (busy months, working hours);
- read what earlier parts made from ``run.shared`` (below), add what later
  parts need under ``"<app>.<name>"``;
- write the bulk with ``bulk = run.bulk()``: ``bulk.add(Model, field=value)``
  returns the new row's id, ``bulk.created(Model, when=…, by=…, …)`` adds its
  audit history row, ``bulk.history(...)`` a later change; ``bulk.flush()``
  before anything reads the rows. COPY on PostgreSQL, INSERT batches on SQLite;
- compute every value a rule decides with the rule's own function (the
  quality index, a deadline from configuration), never a copy of it;
- make the most recent slice through the real services with ``now=`` inside
  ``events.bus.quietly()``, so the newest records are exactly what the
  services write (``run.analyze()`` first: the planner knows nothing of the
  bulk yet);
- tell what happened as ``events.bench.Happening`` s with
  ``events.bench.publish_past(run, happenings)``: it writes the audit trail
  of events, and the notifications and webhooks parts write what their
  subscribers would have (notifications, outbox rows, webhook calls);
- time each step with ``with run.part("requests") as part: … part.add(rows)``.

**run.shared**, filled by the parts:

- ``accounts.password``: the one password hash every login shares (DEMO_PASSWORD);
- ``accounts.staff``: {role: [user id, …]} of provider staff;
- ``accounts.region``: {staff user id: region} for those who work in one;
- ``accounts.names``: {user id: full name} of everyone;
- ``clients.clients``: {client id: ``clients.bench.ClientFacts``};
- ``clients.sites``: {site id: ``clients.bench.SiteFacts``};
- ``targets``: what the benchmark runner looks up (see TARGETS below).

**Benchmark targets**: the logins below are fixed, so the runner finds them
by e-mail (every password is DEMO_PASSWORD); the command prints them with
their ids as JSON at the end.
"""

from common.benchdata.bulk import Bulk, RawJson, to_json
from common.benchdata.run import SCALES, Run, build, path_maker

# Provider staff, by role.
STAFF_ADMIN_EMAIL = "admin@clientdesk.bench.example"
INSPECTOR_EMAIL = "inspector@clientdesk.bench.example"
WORK_MANAGER_EMAIL = "work.manager@clientdesk.bench.example"
SERVICE_DIRECTOR_EMAIL = "service.director@clientdesk.bench.example"
ACCOUNT_MANAGER_EMAIL = "account.manager@clientdesk.bench.example"
# The retail chain with exactly 200 sites (fewer at tiny scale) and its people.
CHAIN_NAME = "Säästuketi Kaubandus AS"
CHAIN_REGISTRY_CODE = "BENCH-CHAIN"
CHAIN_ADMIN_EMAIL = "admin@chain.bench.example"
CHAIN_CONTACT_EMAIL = "contact@chain.bench.example"
CHAIN_SITES = 200
# The biggest client (hundreds of sites).
BIG_CLIENT_REGISTRY_CODE = "BENCH-BIG"
BIG_CLIENT_ADMIN_EMAIL = "admin@big.bench.example"

# The webhook secrets are encrypted with this key (the server that serves the
# data needs WEBHOOK_SECRET_KEY set to it, or their pages cannot read them).
# A fixed key: the data is made up and public, like every password of it.
WEBHOOK_SECRET_KEY = "Y2xpZW50ZGVzay1iZW5jaC13ZWJob29rLXNlY3JldCE="

TARGETS = {
    "staff_admin": STAFF_ADMIN_EMAIL,
    "inspector": INSPECTOR_EMAIL,
    "work_manager": WORK_MANAGER_EMAIL,
    "service_director": SERVICE_DIRECTOR_EMAIL,
    "account_manager": ACCOUNT_MANAGER_EMAIL,
    "chain_admin": CHAIN_ADMIN_EMAIL,
    "chain_contact": CHAIN_CONTACT_EMAIL,
    "big_client_admin": BIG_CLIENT_ADMIN_EMAIL,
}

__all__ = [
    "SCALES",
    "TARGETS",
    "Bulk",
    "RawJson",
    "Run",
    "build",
    "path_maker",
    "to_json",
]
