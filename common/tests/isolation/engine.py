"""Collects every app's rows and runs one row: each method as each role, each
request in a savepoint that is rolled back, so every cell starts from the same
records and a refused write is caught before the rollback hides it."""

import importlib
import importlib.util
import json
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from common.tests.isolation.roles import HOME, LOGIN, METHODS, ROLES, STRANGERS
from common.tests.isolation.rows import Row
from common.tests.isolation.world import World, differences, our_apps, stored, watched

# No record has this id: the answer every stranger must get for client B's records.
MISSING_ID = 987654321

# Django's admin checks its own login (is_staff); see test_matrix for its test.
NOT_IN_THE_MATRIX = {"admin"}


def _isolation_modules():
    """Each installed app of ours may have ``tests/isolation.py`` with RECORDS and ROWS."""
    for config in our_apps():
        name = f"{config.name}.tests.isolation"
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:  # the app has no tests package
            found = None
        if found is not None:
            yield importlib.import_module(name)


@cache
def factories() -> dict:
    found: dict = {}
    for module in _isolation_modules():
        for kind, factory in getattr(module, "RECORDS", {}).items():
            if kind in found:
                raise ValueError(f"Two apps make records of kind {kind!r}")
            found[kind] = factory
    return found


@cache
def rows() -> dict[str, Row]:
    found: dict[str, Row] = {}
    for module in _isolation_modules():
        for row in getattr(module, "ROWS", []):
            if row.name in found:
                raise ValueError(f"Two rows for {row.name}")
            found[row.name] = row
    return found


def _params(pattern) -> set[str]:
    if isinstance(pattern, RoutePattern):
        return set(pattern.converters)
    return set(pattern.regex.groupindex)


def _walk(patterns, namespace="", params=frozenset()):
    for entry in patterns:
        inner_params = params | _params(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in NOT_IN_THE_MATRIX:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, inner_params)
        elif isinstance(entry, URLPattern) and entry.name:
            # The API router adds a ".json" twin of each route; its "format" is no record.
            yield namespace + entry.name, inner_params - {"format"}


@cache
def url_arguments() -> dict[str, frozenset[str]]:
    """Every named URL of the project, found by walking the resolver, with its arguments."""
    found: dict[str, frozenset[str]] = {}
    for name, params in _walk(get_resolver().url_patterns):
        found.setdefault(name, frozenset(params))
    return found


def url_names() -> list[str]:
    return sorted(url_arguments())


def url_of(row: Row, world: World, *, missing=False) -> str:
    kwargs = dict(row.kwargs(world)) if row.kwargs else {}
    if row.record:
        kwargs[id_argument(row.name)] = MISSING_ID if missing else world[row.record].pk
    return reverse(row.name, kwargs=kwargs)


def id_argument(name) -> str:
    """The URL argument that carries the record's id: ``pk``, or ``client_pk`` and the like."""
    ids = [p for p in url_arguments()[name] if p == "pk" or p.endswith("_pk")]
    if len(ids) != 1:
        raise ValueError(
            f"{name}: cannot tell the record's id among {sorted(url_arguments()[name])}"
        )
    return ids[0]


def _send(client, method, url, data, *, api):
    if method == "GET":
        return client.get(url)
    body = data or {}
    if api:
        has_file = any(hasattr(v, "read") for v in body.values())
        return getattr(client, method.lower())(
            url, body, format="multipart" if has_file else "json"
        )
    if method == "POST":
        return client.post(url, body)
    # A browser never sends these; the body stays out of request.POST either way.
    plain = {k: v for k, v in body.items() if not hasattr(v, "read")}
    return getattr(client, method.lower())(
        url, urlencode(plain, doseq=True), content_type="application/x-www-form-urlencoded"
    )


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(resolve_url(settings.LOGIN_URL)):
            return LOGIN
        if location == "/":
            return HOME
    return response.status_code


def may_change(row, method, got) -> bool:
    """Only a successful write may leave something changed: a page's redirect after
    saving, an API's 2xx to anything but a GET (and what the row names)."""
    if got in row.saved_answers.get(method, ()):
        return True
    if row.is_api:
        return method != "GET" and got in (200, 201, 202, 204)
    return got == 302


def _text(response) -> str:
    kind = response.get("Content-Type", "")
    if getattr(response, "streaming", False) or not kind.startswith(("text/", "application/json")):
        return ""
    return response.content.decode()


def _body(response):
    try:
        return json.loads(response.content)
    except ValueError:
        return response.content


def _error(response) -> str:
    info = getattr(response, "exc_info", None)
    return f" ({info[1]!r})" if info else ""


def run(row: Row, world: World) -> list[str]:
    """Every cell of ``row``; returns what went wrong, one line per cell."""
    for kind in row.needs:
        world[kind]
    records = watched(world[row.record]) if row.record else []
    wrong = []
    for method in METHODS:
        for role in ROLES:
            wrong.extend(_cell(row, world, records, method, role))
    return wrong


def _cell(row, world, records, method, role) -> list[str]:
    expected = row.expect[method][role]
    client = world.client(role, api=row.is_api)
    cell = f"{method} {role}"
    wrong = []
    with transaction.atomic():
        url, data = url_of(row, world), _data(row, world)
        counts, before = world.counts(), stored(records)
        response = _send(client, method, url, data, api=row.is_api)
        got = outcome(response)
        if got != expected:
            wrong.append(f"{cell}: expected {expected}, got {got}{_error(response)}")
        # A write that should have been refused is checked even if it answered like a success.
        checked = not may_change(row, method, expected) or not may_change(row, method, got)
        if checked and got != 500:  # after a server error the transaction may be unusable
            changed = world.count_changes(counts, world.counts())
            changed += differences(records, before, stored(records))
            if changed:
                wrong.append(f"{cell}: answered {got} but changed {'; '.join(changed)}")
        transaction.set_rollback(True)
    if role in STRANGERS:
        leaked = [name for name in world.names_of_b() if name in _text(response)]
        if leaked:
            wrong.append(f"{cell}: the answer shows client B's {leaked}")
    # A page answers PUT, PATCH and DELETE like a GET or with 405 before any lookup,
    # so its GET and POST say all a missing id could; the API routes each method.
    asks_for_the_record = row.is_api or method in ("GET", "POST")
    if (
        row.record
        and asks_for_the_record
        and (expected == 404 or (expected == 403 and role in STRANGERS))
    ):
        wrong.extend(_as_if_missing(row, world, method, role, cell, response))
    return wrong


def _as_if_missing(row, world, method, role, cell, response) -> list[str]:
    """Client B's record must answer exactly like a record that does not exist."""
    with transaction.atomic():
        twin = _send(
            world.client(role, api=row.is_api),
            method,
            url_of(row, world, missing=True),
            _data(row, world),
            api=row.is_api,
        )
        transaction.set_rollback(True)
    if outcome(twin) != outcome(response):
        return [
            f"{cell}: a missing id answers {outcome(twin)}, client B's record {outcome(response)}"
        ]
    if row.is_api and _body(twin) != _body(response):
        return [f"{cell}: a missing id answers {_body(twin)!r}, B's record {_body(response)!r}"]
    return []


def _data(row, world):
    return row.data(world) if row.data else None
