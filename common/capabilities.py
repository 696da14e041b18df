"""What each app adds to Clientdesk, declared by the app and discovered by the project.

Every app that people or other systems reach has a ``capability.py`` calling
``register(...)`` with what it adds:

- ``Nav``: an entry of the main menu, on the staff desk or in the portal;
- ``Landing``: the page a role starts on after logging in;
- ``SiteTab``: a tab of a site's page, on the desk or in the portal;
- ``ClientTab``: a tab of a client's page at the desk;
- ``Urls``: a URL include of the root URLconf;
- ``ApiRoute`` and ``ApiPath``: a viewset of the API router, or another API view;
- ``DemoData``: its part of the demo company (``manage.py seed_demo``);
- ``Picker``: records people find by typing in a filter or form field;
- ``BenchData`` and ``BenchScenarios``: its part of the company at scale
  (``make bench-data``) and the pages it adds to the benchmark (``make bench``).

``common``'s AppConfig.ready imports every app's capability.py, so the
registry is full once Django is set up: before the URLconf is first loaded
(lazily, on the first request or ``reverse``), and in management commands and
tests alike. Views, viewsets and seed functions are named by dotted path and
imported only when used, so declaring them imports nothing heavy at start-up.

What apps add through other doors, each discovered the same way: periodic
jobs in their ``tasks.py`` (djhuey imports those), event types in their
``events.py`` (see ``events/``), deadlines in their ``deadlines.py``, and
isolation rows in their ``tests/isolation.py``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.functional import Promise

Face = Literal["staff", "portal"]

# Every demo login, whichever app creates it, has this password.
DEMO_PASSWORD = "clientdesk-demo"


def everyone(user) -> bool:
    return True


@dataclass(frozen=True)
class Nav:
    """A main-menu entry, shown to the users of ``face`` for whom ``visible_to`` holds."""

    face: Face
    label: Promise | str
    url_name: str
    order: int
    visible_to: Callable[[Any], bool] = everyone


@dataclass(frozen=True)
class Landing:
    """Where ``roles`` start on ``face`` after logging in; no roles: everyone else there."""

    face: Face
    url_name: str
    query: str = ""
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SiteTab:
    """A tab of a site's page on ``face``; ``url_name`` takes the site's pk."""

    face: Face
    label: Promise | str
    url_name: str
    order: int


@dataclass(frozen=True)
class ClientTab:
    """A tab of a client's page at the desk; ``url_name`` takes the client's pk.
    ``managers_only``: shown to those who manage the client (``can_manage_client``)."""

    label: Promise | str
    url_name: str
    order: int
    managers_only: bool = False


@dataclass(frozen=True)
class Urls:
    """``include(module)`` at ``prefix`` in the root URLconf."""

    prefix: str
    module: str


@dataclass(frozen=True)
class ApiRoute:
    """A viewset (dotted path) on the API router at ``prefix``."""

    prefix: str
    viewset: str
    basename: str


@dataclass(frozen=True)
class ApiPath:
    """An API view class (dotted path) at ``route`` under /api/v1/, named ``api:<name>``."""

    route: str
    view: str
    name: str


@dataclass(frozen=True)
class DemoData:
    """An app's part of the demo company.

    ``seed`` (dotted path, no arguments) creates it or restores it, so it can
    run again; seeds run by ``order``. ``logins`` (dotted path) returns the
    lines ``make run`` prints about the demo logins the seed creates.
    """

    seed: str
    order: int
    logins: str | None = None


@dataclass(frozen=True)
class Picker:
    """Records a person finds by typing, for a search-as-you-type field (``common.pickers``).

    ``records`` (dotted path) takes the user and returns the records they may
    pick, already scoped by the app's access rules; ``search`` are the lookups
    a typed word is matched against, ``ordering`` the order of the suggestions
    and ``detail`` an attribute path shown beside each (a site's client).
    """

    name: str
    records: str
    search: tuple[str, ...]
    ordering: tuple[str, ...]
    detail: str = ""


@dataclass(frozen=True)
class BenchData:
    """An app's part of the company at scale (``manage.py bench_data``).

    ``build`` (dotted path) takes the generator's run (its scale, its clock and
    what earlier parts made) and adds the app's records; parts run by ``order``.
    """

    build: str
    order: int


@dataclass(frozen=True)
class BenchScenarios:
    """The pages and API lists an app adds to ``make bench``.

    ``scenarios`` (dotted path) takes the data at scale and returns the
    scenarios to measure; they run in ``order`` of their apps.
    """

    scenarios: str
    order: int


Entry = (
    Nav
    | Landing
    | SiteTab
    | ClientTab
    | Urls
    | ApiRoute
    | ApiPath
    | DemoData
    | Picker
    | BenchData
    | BenchScenarios
)

_entries: list[Entry] = []


def register(*entries: Entry) -> None:
    """Add an app's entries; registering the same entry again changes nothing."""
    for entry in entries:
        if entry not in _entries:
            _entries.append(entry)


def navigation(face: Face, user) -> list[Nav]:
    """The menu entries of ``face`` that ``user`` sees, in order."""
    entries = [e for e in _entries if isinstance(e, Nav) and e.face == face and e.visible_to(user)]
    return sorted(entries, key=lambda entry: entry.order)


def landing(face: Face, role: str) -> Landing:
    """Where someone of ``role`` starts on ``face``: their role's page, or the face's default."""
    landings = [e for e in _entries if isinstance(e, Landing) and e.face == face]
    for entry in landings:
        if role in entry.roles:
            return entry
    return next(entry for entry in landings if not entry.roles)


def site_tabs(face: Face) -> list[SiteTab]:
    """The tabs of a site's page on ``face``, in order."""
    tabs = [e for e in _entries if isinstance(e, SiteTab) and e.face == face]
    return sorted(tabs, key=lambda tab: tab.order)


def client_tabs() -> list[ClientTab]:
    """The tabs of a client's page at the desk, in order."""
    tabs = [e for e in _entries if isinstance(e, ClientTab)]
    return sorted(tabs, key=lambda tab: tab.order)


# Includes and API routes keep the order of registration (INSTALLED_APPS order).


def url_includes() -> list[Urls]:
    return [e for e in _entries if isinstance(e, Urls)]


def api_routes() -> list[ApiRoute]:
    return [e for e in _entries if isinstance(e, ApiRoute)]


def api_paths() -> list[ApiPath]:
    return [e for e in _entries if isinstance(e, ApiPath)]


def demo_data() -> list[DemoData]:
    """Every app's demo, in the order the seeds run."""
    demos = [e for e in _entries if isinstance(e, DemoData)]
    return sorted(demos, key=lambda demo: demo.order)


def picker(name: str) -> Picker | None:
    """The picker registered under ``name``, if any."""
    return next((e for e in _entries if isinstance(e, Picker) and e.name == name), None)


def bench_data() -> list[BenchData]:
    """Every app's part of the data at scale, in the order they are built."""
    parts = [e for e in _entries if isinstance(e, BenchData)]
    return sorted(parts, key=lambda part: part.order)


def bench_scenarios() -> list[BenchScenarios]:
    """Every app's benchmark scenarios, in order."""
    entries = [e for e in _entries if isinstance(e, BenchScenarios)]
    return sorted(entries, key=lambda entry: entry.order)
