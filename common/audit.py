"""Reading the audit history (django-simple-history) as a list people can follow.

Every domain model keeps a ``history`` of full snapshots; this module turns
consecutive snapshots into "who changed what, from what to what". It loads
a fixed number of queries however long the history is: one per history
table, one for the users named in foreign keys, one per many-to-many field.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.text import shorten


def set_author(instance, by, when=None) -> None:
    """Name who makes the next save of ``instance`` in its history row.

    Inside a request the history middleware knows the user; services are also
    called from jobs and commands, so they always name the actor themselves.
    ``when`` dates the history row in the past, for the demo and benchmark
    data that services write with ``now=``; without it the row is dated now.
    """
    instance._history_user = by
    if when is not None:
        instance._history_date = when


# The most rows of one history a page reads looking for changes to show.
MAX_WINDOW = 2000

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
EMPTY = "—"


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    who: str
    action: str
    subject: str
    changes: list[Change] = field(default_factory=list)
    # Where it stands among the histories read together: (time, which
    # history, its row), newest first; an older page starts after it.
    position: tuple[datetime, int, int] | None = None


def _tracked_fields(history_model):
    skip = {
        "id",
        "history_id",
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user",
        "history_relation",
    }
    return [
        f
        for f in history_model._meta.concrete_fields
        if f.name not in skip and not f.name.startswith("history_")
    ]


def _display(f, value, users) -> str:
    """A stored value as the reader reads it: in their language and format, and short.

    Called while the page renders, so formats follow the active language.
    """
    if value in (None, ""):
        return EMPTY
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(f, models.ForeignKey):
        if f.related_model == get_user_model():
            return str(users.get(value, f"#{value}"))
        return f"#{value}"
    # datetime before date: a datetime is also a date.
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, time):
        return formats.time_format(value, "TIME_FORMAT")
    if isinstance(value, Decimal | float | int):
        return formats.number_format(value)
    # A long note or remark would make the page as long as every version of it.
    return shorten(str(value))


def _m2m_sets(history_model, rows):
    """({(history_id, field name): set of related ids}, {(field name, id): name}).

    ``rows`` come in order of record and time. Names are read only for the
    versions whose set changed: a chain's memberships of 200 sites each, never
    edited, read no site names at all.
    """
    sets, names = defaultdict(set), {}
    for m2m_field in getattr(history_model, "_history_m2m_fields", []):
        through = getattr(history_model, m2m_field.name).model
        target = m2m_field.related_model._meta.model_name
        pairs = through.objects.filter(history__in=[r.history_id for r in rows]).values_list(
            "history_id", target
        )
        for hid, rid in pairs:
            sets[(hid, m2m_field.name)].add(rid)
        changed: set[int] = set()
        previous: dict[Any, set[int]] = {}
        for row in rows:
            current = sets.get((row.history_id, m2m_field.name), set())
            if row.id in previous and current != previous[row.id]:
                changed |= current | previous[row.id]
            previous[row.id] = current
        for obj in m2m_field.related_model.objects.filter(pk__in=changed):
            names[(m2m_field.name, obj.pk)] = str(obj)
    return sets, names


def _order_key(when: datetime, index: int, history_id: int) -> tuple:
    """The histories' one order, newest first when sorted in reverse: by time,
    then the first history before the others, then the newest row."""
    return (when, -index, history_id)


def _older_than(qs, index: int, before: tuple[datetime, int, int]):
    """The rows of history ``index`` that come after ``before`` in ``_order_key``'s order."""
    when, at_index, history_id = before
    if index < at_index:
        return qs.filter(history_date__lt=when)
    if index > at_index:
        return qs.filter(history_date__lte=when)
    return qs.filter(Q(history_date__lt=when) | Q(history_date=when, history_id__lt=history_id))


def _newest(histories, window: int) -> list[tuple[Any, list, set[int]]]:
    """Each history's newest ``window`` rows, and which of them are among the
    newest ``window`` of all the histories together (the ones that may be shown).

    A client with 200 sites has thousands of history rows; a page shows the
    last 25 changes, so only those are read, and the rest of each history's
    newest are not compared, named or looked up.
    """
    fetched = [(qs, list(qs.order_by("-history_date", "-history_id")[:window])) for qs in histories]
    candidates = sorted(
        (
            (_order_key(row.history_date, index, row.history_id), index, row.history_id)
            for index, (_qs, rows) in enumerate(fetched)
            for row in rows
        ),
        reverse=True,
    )[:window]
    kept: list[set[int]] = [set() for _ in fetched]
    for _key, index, history_id in candidates:
        kept[index].add(history_id)
    return [(qs, rows, kept[index]) for index, (qs, rows) in enumerate(fetched)]


def _with_predecessors(qs, newest: list, shown: set[int], window: int) -> list:
    """The rows to be shown, and the version before each of them, in one query.

    A history shorter than ``window`` was read whole: every version before
    is among its rows already.
    """
    if len(newest) < window:
        return newest
    rows = [row for row in newest if row.history_id in shown]
    if not rows:
        return []
    history_model = qs.model
    # Within the caller's own filter: a site moved from another client keeps
    # that client's versions out of this one's history.
    before = (
        qs.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    # The records' ids let the database find the versions by the ``id`` index
    # instead of reading the whole history table to match them.
    earlier = history_model.objects.filter(
        id__in={row.id for row in rows},
        history_id__in=history_model.objects.filter(history_id__in=shown).values(
            previous=Subquery(before)
        ),
    )
    return [*rows, *earlier]


def history_entries(
    *histories, limit=50, before: tuple[datetime, int, int] | None = None
) -> list[Entry]:
    """Newest first: what changed in the given history querysets, with author and time.

    Each argument is a history queryset such as ``Client.history.filter(id=…)``.
    ``before`` (an entry's ``position``) gives the changes older than that
    entry: the next page (common.history_pages).
    """
    if before is not None:
        histories = tuple(_older_than(qs, index, before) for index, qs in enumerate(histories))
    # Versions that changed nothing (a form saved as it was) are not shown:
    # while they leave the page short and a history has more rows than were
    # read, read a wider window. Bounded, so that a record saved unchanged a
    # million times cannot make one page read it all: past MAX_WINDOW such
    # versions in a row, the page stays short and older changes are not
    # reached from it.
    window = limit
    while True:
        fetched = _newest(histories, window)
        entries = _entries(fetched, limit, window)
        read_whole = all(len(rows) < window for _qs, rows, _kept in fetched)
        if len(entries) >= limit or read_whole or window >= MAX_WINDOW:
            return entries
        window = min(window * 4, MAX_WINDOW)


def _entries(fetched, limit: int, window: int) -> list[Entry]:
    raw = []
    shown: set[tuple[type, int]] = set()
    for index, (qs, newest, kept) in enumerate(fetched):
        if not kept:
            continue
        history_model = qs.model
        shown.update((history_model, history_id) for history_id in kept)
        rows = sorted(
            {row.history_id: row for row in _with_predecessors(qs, newest, kept, window)}.values(),
            key=lambda row: (row.id, row.history_date, row.history_id),
        )
        raw.append((index, history_model, rows, *_m2m_sets(history_model, rows)))

    user_model = get_user_model()
    user_ids: set[int] = set()
    for _index, history_model, rows, _m2m, _m2m_names in raw:
        fks = [
            f
            for f in _tracked_fields(history_model)
            if isinstance(f, models.ForeignKey) and f.related_model == user_model
        ]
        for row in rows:
            user_ids.update(getattr(row, f.attname) for f in fks)
            user_ids.add(row.history_user_id)
    # What a person's name reads from (User.__str__), not their whole row.
    named = user_model.objects.only("pk", "full_name", "email")
    users = {u.pk: u for u in named.filter(pk__in=user_ids - {None})}

    entries = []
    for index, history_model, rows, sets, names in raw:
        tracked = _tracked_fields(history_model)
        m2m_fields = getattr(history_model, "_history_m2m_fields", [])
        previous: dict[int, Any] = {}
        for row in rows:
            before = previous.get(row.id)
            changes = []
            if before is not None and row.history_type == "~":
                for f in tracked:
                    old, new = getattr(before, f.attname), getattr(row, f.attname)
                    if old != new:
                        changes.append(
                            Change(
                                capfirst(f.verbose_name),
                                _display(f, old, users),
                                _display(f, new, users),
                            )
                        )
                for m2m_field in m2m_fields:
                    old = sets.get((before.history_id, m2m_field.name), set())
                    new = sets.get((row.history_id, m2m_field.name), set())
                    if old != new:
                        label = capfirst(m2m_field.verbose_name)
                        changes.append(
                            Change(
                                label, _names(names, m2m_field, old), _names(names, m2m_field, new)
                            )
                        )
                if not changes:
                    previous[row.id] = row
                    continue
            previous[row.id] = row
            if (history_model, row.history_id) not in shown:
                continue  # only read to tell what the next version changed
            entries.append(
                Entry(
                    when=row.history_date,
                    who=_author(row, users),
                    action=str(ACTIONS.get(row.history_type, row.history_type)),
                    subject=_subject(history_model, row, users),
                    changes=changes,
                    position=(row.history_date, index, row.history_id),
                )
            )
    entries.sort(key=lambda e: _order_key(*e.position), reverse=True)  # type: ignore[misc]
    return entries[:limit]


def _author(row, users) -> str:
    """Who made a version: a person, or the system (a job, a migration)."""
    if row.history_user_id is None:
        return str(_("system"))
    return str(users.get(row.history_user_id, f"#{row.history_user_id}"))


def _subject(history_model, row, users):
    """ "Site: Mammu" — the kind of record and a name for it, without extra queries."""
    kind = capfirst(history_model.instance_type._meta.verbose_name)
    name = getattr(row, "name", None) or getattr(row, "full_name", None)
    if not name and getattr(row, "user_id", None):
        name = str(users.get(row.user_id, f"#{row.user_id}"))
    return f"{kind}: {name or row.id}"


def _names(names, m2m_field, ids):
    if not ids:
        return EMPTY
    return ", ".join(sorted(names.get((m2m_field.name, i), f"#{i}") for i in ids))
