"""A row of the matrix: one URL, the record of client B it names, what a write
sends, and the exact outcome of each method for each role."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django import forms

from common.tests.isolation.roles import METHODS, ROLES


@dataclass(frozen=True)
class Row:
    name: str  # the URL's name, "namespace:name"
    record: str | None  # the kind of client B's record its id names (None: no record)
    expect: dict[str, dict[str, object]]  # method -> role -> outcome
    # What every write sends (a fresh dict each time: uploads are read once).
    # It is the body that succeeds for a permitted role, so a missing access
    # check shows as a change, not as a form error.
    data: Callable | None = None
    kwargs: Callable | None = None  # other URL arguments, from the world
    why: str = ""  # for rows whose outcome depends on more than access
    # Client B's records made before a list is asked, so it has something to leak.
    needs: tuple[str, ...] = ()
    # Answers that mean "saved" besides a page's redirect and an API's 2xx to a
    # write, by method (the token page shows a new token once instead of redirecting).
    saved_answers: dict = field(default_factory=dict)

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")

    def problems(self) -> list[str]:
        """What is missing or unknown in the row, so an incomplete row fails loudly."""
        found = []
        for method in METHODS:
            cells = self.expect.get(method)
            if cells is None:
                found.append(f"{self.name}: no {method} cells")
                continue
            missing = [role for role in ROLES if role not in cells]
            if missing:
                found.append(f"{self.name} {method}: no outcome for {missing}")
            extra = set(cells) - set(ROLES)
            if extra:
                found.append(f"{self.name} {method}: unknown roles {sorted(extra)}")
        return found


def _row(name, record, options, *, get, post, put, patch, delete) -> Row:
    expect = {"GET": get, "POST": post, "PUT": put, "PATCH": patch, "DELETE": delete}
    return Row(name, record, expect, **options)


def page(
    name, record=None, *, GET, POST, OTHER=None, PUT=None, PATCH=None, DELETE=None, **options
) -> Row:
    """A page's row. ``OTHER`` stands for PUT, PATCH and DELETE together: a function
    view that does not restrict its methods answers them as it answers a GET
    (their body never reaches ``request.POST``); ``require_POST`` gives 405.

    ``options``: ``data``, ``kwargs``, ``needs``, ``saved_answers``, ``why`` (see Row).
    """
    return _row(
        name,
        record,
        options,
        get=GET,
        post=POST,
        put=PUT or OTHER,
        patch=PATCH or OTHER,
        delete=DELETE or OTHER,
    )


def api(name, record=None, *, GET, POST, PUT, PATCH, DELETE, **options) -> Row:
    """An API endpoint's row: every method spelled out (a viewset routes each its own way).

    ``options``: ``data``, ``kwargs``, ``needs``, ``saved_answers``, ``why`` (see Row).
    """
    return _row(
        name,
        record,
        options,
        get=GET,
        post=POST,
        put=PUT,
        patch=PATCH,
        delete=DELETE,
    )


def posted(form: forms.BaseForm, **overrides) -> dict:
    """What a browser posts for an unchanged ``form`` (its initial values), with
    ``overrides``: the body of a successful save, built from the form itself."""
    values = {}
    for name, bound in form.fields.items():
        if isinstance(bound, forms.FileField):
            continue
        value = form[name].value()
        if isinstance(bound, forms.BooleanField):
            if value:
                values[name] = "on"
            continue
        if value is None:
            value = ""
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, list | tuple):
            value = [str(getattr(item, "pk", item)) for item in value]
        values[name] = value
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}
