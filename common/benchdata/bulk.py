"""Writing millions of rows fast: COPY on PostgreSQL, batched INSERTs elsewhere.

``Bulk`` buffers rows per model and writes them in the order the models were
first used (parents before children), so every batch satisfies the foreign
keys when it commits. Primary keys are handed out by ``Ids`` from the
table's own sequence, reserved in blocks, so records the services create
later (the recent slice) never collide with rows written here.

Rows are given as field values (``attname=value``); fields not given take the
model field's default, computed once. JSON fields take a value or, for the
same value written a million times, a ``RawJson`` serialised once.
"""

import json
import operator
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

# Rows buffered (over all models) before a batch is written.
BATCH = 50_000
# Primary keys reserved from the sequence at a time.
ID_BLOCK = 10_000
# The first rows of each model are checked for unknown field names.
CHECKED_ROWS = 50


class RawJson(str):
    """A JSON value serialised already: written as it is."""


def to_json(value: Any) -> RawJson:
    """``value`` serialised once, for writing many times."""
    return RawJson(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class Ids:
    """New primary keys per model, reserved in blocks from the table's sequence.

    On PostgreSQL the sequence is moved past the block (``setval``); on SQLite
    ``sqlite_sequence`` is; either way an ordinary insert later gets a fresh key.
    """

    def __init__(self) -> None:
        self._next: dict[type[models.Model], int] = {}
        self._end: dict[type[models.Model], int] = {}

    def new(self, model: type[models.Model]) -> int:
        """One new primary key of ``model``."""
        pk = self._next.get(model, 0)
        if pk > self._end.get(model, -1):
            pk, self._end[model] = _reserve(model, ID_BLOCK)
        self._next[model] = pk + 1
        return pk


def _reserve(model: type[models.Model], count: int) -> tuple[int, int]:
    table, pk = model._meta.db_table, str(model._meta.pk.column)
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), "
                "nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
                [table, pk, table, pk, count],
            )
            end = cursor.fetchone()[0]
            return end - count + 1, end
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"Reserving keys on {connection.vendor} is not written.")
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(pk)}) FROM {quoted}")  # noqa: S608
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(highest, found[0] if found else 0) + 1
        end = start + count - 1
        if found:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [end, table])
        else:
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, end])
        return start, end


def _default(field: models.Field) -> Any:
    if field.has_default():
        return field.get_default()
    return None if field.null else ("" if field.empty_strings_allowed else None)


class Table:
    """The buffered rows of one model."""

    def __init__(self, model: type[models.Model], ids: Ids) -> None:
        self.model = model
        self.ids = ids
        # Generated columns are the database's to fill.
        fields = [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]
        self.fields = fields
        self.pk = model._meta.pk.attname
        self.attnames = [f.attname for f in fields]
        self.known = set(self.attnames)
        self.defaults = {f.attname: _default(f) for f in fields if not f.primary_key}
        self.json = [f.attname for f in fields if isinstance(f, models.JSONField)]
        self.row_of: Callable[[dict], tuple] = operator.itemgetter(*self.attnames)
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, values: dict) -> int:
        if self.written + len(self.rows) < CHECKED_ROWS:
            unknown = values.keys() - self.known
            if unknown:
                raise TypeError(f"{self.model.__name__} has no field {sorted(unknown)}.")
        pk = values.get(self.pk)
        if pk is None:
            pk = values[self.pk] = self.ids.new(self.model)
        for name in self.json:
            value = values.get(name)
            if value is not None and not isinstance(value, RawJson):
                values[name] = to_json(value)
        self.rows.append(self.row_of({**self.defaults, **values}))
        return pk

    def write(self) -> int:
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        converters = _converters(self.fields)
        if converters:
            rows = [_converted(row, converters) for row in rows]
        if is_postgresql():
            _copy(self.model, self.fields, rows)
        else:
            _insert(self.model, self.fields, rows)
        self.written += len(rows)
        return len(rows)


# Fields whose Python values the driver takes as they are; any other (a phone
# number, an encrypted secret) is prepared by the field, as the ORM would.
PLAIN = {
    models.AutoField, models.BigAutoField, models.IntegerField, models.BigIntegerField,
    models.SmallIntegerField, models.PositiveIntegerField, models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField, models.CharField, models.TextField, models.EmailField,
    models.URLField, models.BooleanField, models.ForeignKey, models.OneToOneField,
    models.JSONField,  # serialised already (RawJson)
}  # fmt: skip
# psycopg writes these itself; SQLite's driver needs them as text.
NATIVE_IN_POSTGRESQL = {models.DateTimeField, models.DateField, models.DecimalField}


def _converters(fields) -> list[tuple[int, Callable[[Any], Any]]]:
    plain = PLAIN | NATIVE_IN_POSTGRESQL if is_postgresql() else PLAIN
    return [
        (index, partial(_prepared, f)) for index, f in enumerate(fields) if type(f) not in plain
    ]


def _prepared(field: models.Field, value: Any) -> Any:
    return field.get_db_prep_save(value, connection)


def _converted(row: tuple, converters) -> tuple:
    values = list(row)
    for index, convert in converters:
        values[index] = convert(values[index])
    return tuple(values)


def _copy(model, fields, rows) -> None:
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table),
        sql.SQL(", ").join(sql.Identifier(f.column) for f in fields),
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _insert(model, fields, rows) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    statement = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2_000):
            cursor.executemany(statement, rows[start : start + 2_000])


class Bulk:
    """Rows of many models, written in batches, parents first.

    Use as a context manager (what is left is written on leaving) or call
    ``flush()`` before reading the rows back or handing their ids on.
    """

    def __init__(self, ids: Ids, *, batch: int = BATCH) -> None:
        self.ids = ids
        self.batch = batch
        self.tables: dict[type[models.Model], Table] = {}
        self.buffered = 0
        self.written = 0
        self.counts: dict[str, int] = {}
        self._history: dict[type[models.Model], tuple[type[models.Model], list[str]]] = {}

    def __enter__(self) -> "Bulk":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.flush()

    def table(self, model: type[models.Model]) -> Table:
        """The model's buffer; the order of first use is the order of writing."""
        table = self.tables.get(model)
        if table is None:
            table = self.tables[model] = Table(model, self.ids)
        return table

    def add(self, model: type[models.Model], **values) -> int:
        """Buffer one row of ``model``; returns its primary key (given, or a new one)."""
        pk = self.table(model).add(values)
        self.buffered += 1
        if self.buffered >= self.batch:
            self.flush()
        return pk

    def created(
        self, model: type[models.Model], *, when: datetime, by: int | None, **values
    ) -> int:
        """Buffer a row of ``model`` and its history row "created at ``when`` by ``by``"."""
        values[model._meta.pk.attname] = self.add(model, **values)
        self.history(model, values, when=when, by=by)
        return values[model._meta.pk.attname]

    def history(
        self,
        model: type[models.Model],
        values: dict,
        *,
        when: datetime,
        by: int | None,
        kind: str = "+",
    ) -> int:
        """The django-simple-history row of ``values`` (a row of ``model``): created
        ("+"), changed ("~") or deleted ("-") at ``when`` by the user ``by``.

        Returns the history row's id (``history_id``), for many-to-many history.
        """
        found = self._history.get(model)
        if found is None:
            # Reading Model.history builds a manager each time: once per model.
            history_model = model.history.model  # type: ignore[attr-defined]
            tracked = [
                f.attname
                for f in history_model._meta.concrete_fields
                if not f.attname.startswith("history_")
            ]
            found = self._history[model] = (history_model, tracked)
        history_model, tracked = found
        row = {name: values[name] for name in tracked if name in values}
        return self.add(
            history_model,
            **row,
            history_date=when,
            history_type=kind,
            history_user_id=by,
            history_change_reason=None,
        )

    def flush(self) -> int:
        """Write every buffered row, parents first; returns how many rows this
        writer has written in all (the batches it wrote by itself included)."""
        written = 0
        # One transaction: foreign keys (deferred) are checked when all are in,
        # so rows that point at each other (a digest and its notifications) may.
        with transaction.atomic():
            for model, table in self.tables.items():
                count = table.write()
                if count:
                    label = model._meta.label
                    self.counts[label] = self.counts.get(label, 0) + count
                    written += count
        self.buffered = 0
        self.written += written
        return self.written
