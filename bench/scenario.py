"""What one benchmark scenario is: a page or API list, who asks for it, what it is held to.

Each app returns its scenarios from ``<app>/bench_scenarios.py`` (declared with
``BenchScenarios`` in its capability.py); bench/run.py measures them all.
"""

from dataclasses import dataclass
from typing import Literal

# Who asks, in the order the results list them. "staff" and "client" log in
# through the login form (a session cookie); "api-*" send a personal API token.
Who = Literal["staff", "client", "api-client", "api-staff"]
WHO_ORDER: tuple[Who, ...] = ("staff", "client", "api-client", "api-staff")
WHO_LABEL = {
    "staff": "staff (administrator)",
    "client": "client administrator of the chain",
    "api-client": "API, the chain's client administrator's token",
    "api-staff": "API, the administrator's token",
}

# What a scenario is, for the targets and for the peer's counterpart:
# list (a page of rows), record (one record's page), count (a fragment polled
# by every page), api-list (50 rows of JSON), dashboard (a home page held to
# the dashboard target), pdf (timed one request after another).
Kind = Literal["list", "record", "count", "api-list", "dashboard", "pdf"]


@dataclass(frozen=True)
class Scenario:
    """One URL measured as one user.

    ``home``: the page this user lands on after logging in, also held to the
    home page's target (p99 under 300 ms, workers under 200 MB).
    """

    name: str
    path: str
    who: Who
    kind: Kind = "list"
    what: str = ""
    home: bool = False
