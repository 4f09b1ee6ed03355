"""Reads whose SQL Django builds and compiles once per process, not on every request.

Building a queryset and compiling it to SQL costs Django 1 to 3 ms of CPU for the joined
reads of a student's pages, several times what PostgreSQL spends running them (a plain
`SELECT 1` through a cursor is 0.05 ms; bench/load/RESULTS.md). The SQL of such a read
depends only on its parameters, so a `CompiledRead` builds its queryset once per process
(and per `shape`, see below) with stand-in values for the parameters, keeps the SQL and
what Django needs to turn its rows into objects, and from then on only puts the real
values in place of the stand-ins, runs the SQL and builds the objects the way the queryset
would (Django's own converters and related-object populators). Same SQL, same objects; the
query counts the tests pin do not change. On PostgreSQL the SQL's text is the same on every
run, so a kept connection runs it as a prepared statement (config/settings/production.py).

    attempt_read = CompiledRead(
        lambda *, attempt_id, student_id: Attempt.objects.select_related("quiz").filter(
            pk=attempt_id, student_id=student_id
        )
    )
    attempt = attempt_read.one(attempt_id=7, student_id=3)  # or Attempt.DoesNotExist

The rules that keep it exact:
- Parameters are keyword arguments, each an int (an id, a number), a string (a key) or
  an aware datetime.
  The build function receives stand-ins, never the real values, so it cannot branch on
  them; whatever changes the SQL's shape (an optional filter, a flag) is passed as
  `shape` (a hashable value the build function also receives) and gets its own SQL.
- Each stand-in must come back among the SQL's parameters unchanged (compared with `=`,
  `<`, `>`, or in a list of fixed length): one that Django or the build function turns into
  something else (arithmetic in Python, a `__date` lookup) is refused when the read is
  first compiled (ValueError), so such a mistake fails in the tests instead of sending a
  wrong value.
- Model querysets (`one`, `all`) or `values_list()` ones (`rows`: tuples, as the queryset
  gives them); no prefetch_related; a read with select_for_update runs inside a transaction
  only, as the queryset does.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.db.transaction import TransactionManagementError

# Two sets of stand-ins, each distinct per parameter, within the range of every integer
# field (Django makes a value out of a field's range match nothing: no SQL at all). The read
# is compiled with each: the places where the two SQL's parameters differ must be exactly
# where the stand-ins are found, so a constant of the query that happens to equal a
# stand-in cannot be taken for a parameter.
_INT_STAND_INS = (30011, 30511)

# A read filtered by a list of ids has one placeholder per id: it is compiled once per
# length, up to this one (a student's assigned quizzes, modules); a longer list is built as
# a queryset each time.
COMPILED_LIST_LENGTH = 40


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    # Where each named parameter goes in `params`.
    slots: dict[str, tuple[int, ...]]
    using: str
    compiler: object
    for_update: bool
    # A model read's (None for a values_list read, whose rows are tuples).
    model: type[Model] | None = None
    init_list: list[str] | None = None
    model_columns: slice | None = None
    populators: list | None = None
    annotation_col_map: dict | None = None


def _numbered(ids) -> dict[str, int]:
    return {f"id_{n}": item for n, item in enumerate(sorted(ids))}


def _checked(value):
    if isinstance(value, bool) or not isinstance(value, int | str | datetime):
        raise TypeError(f"a compiled read takes ints, strings and aware datetimes, not {value!r}")
    if isinstance(value, datetime) and value.tzinfo is None:
        raise TypeError(f"a compiled read takes ints, strings and aware datetimes, not {value!r}")
    return value


def _stand_in(index: int, value, round_: int):
    if isinstance(_checked(value), datetime):
        return datetime(1901 + round_, 2, 3, 4, 5, 6, index + 1, tzinfo=UTC)
    if isinstance(value, str):
        return f"compiled-read-stand-in-{round_}-{index}"
    return _INT_STAND_INS[round_] + index


def _same(param, stand_in) -> bool:
    """Whether a parameter of the compiled SQL is this stand-in (an int may come wrapped, as
    psycopg's Int4)."""
    if isinstance(stand_in, int):
        return isinstance(param, int) and not isinstance(param, bool) and int(param) == stand_in
    return type(param) is type(stand_in) and param == stand_in


def _adapt(connection, value):
    """The value as Django puts it among a query's parameters on this connection."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class CompiledRead:
    """A read (the model queryset `build` makes) compiled to SQL once per process and
    shape; see the module docstring."""

    def __init__(self, build: Callable[..., QuerySet]) -> None:
        self._build = build
        self._compiled: dict[tuple, _Compiled] = {}

    def all(self, *, shape: Hashable = None, **params) -> list:
        """The objects the queryset would give, in its order."""
        return self._run(self._entry(shape, params, limit=None), params)

    def rows(self, *, shape: Hashable = None, **params) -> list[tuple]:
        """The tuples a values_list() queryset would give, in its order."""
        compiled = self._entry(shape, params, limit=None)
        if compiled.model is not None:
            raise ValueError("rows() is for a values_list() read; a model read has all()")
        return self._run(compiled, params)

    def all_of_ids(self, ids, *, otherwise: Callable[[], Iterable], **params) -> list:
        """`all()` for a read filtered by a list of ids: compiled once per length (the build
        function gets the length as `shape` and the ids, sorted, as `id_0`, `id_1`, ...); a
        list longer than COMPILED_LIST_LENGTH gets `otherwise()`, a queryset built each time."""
        if len(ids) > COMPILED_LIST_LENGTH:
            return list(otherwise())
        return self.all(shape=len(ids), **params, **_numbered(ids))

    def rows_of_ids(self, ids, *, otherwise: Callable[[], Iterable], **params) -> list[tuple]:
        """`rows()` for a read filtered by a list of ids, as `all_of_ids`."""
        if len(ids) > COMPILED_LIST_LENGTH:
            return list(otherwise())
        return self.rows(shape=len(ids), **params, **_numbered(ids))

    def value(self, *, default=0, shape: Hashable = None, **params):
        """The first column of the first row of a values_list() read, or `default` where it
        gives no row (a count as a grouped values_list: one row, or none for nothing)."""
        rows = self.rows(shape=shape, **params)
        return rows[0][0] if rows else default

    def one(self, *, shape: Hashable = None, **params):
        """The one object, as QuerySet.get does: the model's DoesNotExist when there is none,
        MultipleObjectsReturned when there are more."""
        compiled = self._entry(shape, params, limit=2)
        objects = self._run(compiled, params)
        if not objects:
            raise compiled.model.DoesNotExist(
                f"{compiled.model._meta.object_name} matching query does not exist."
            )
        if len(objects) > 1:
            raise compiled.model.MultipleObjectsReturned("get() returned more than one object.")
        return objects[0]

    def _entry(self, shape, params: dict, limit: int | None) -> _Compiled:
        # Each parameter's type too: a string where an int was compiled is its own SQL.
        kinds = tuple(
            sorted((name, type(_checked(value)).__name__) for name, value in params.items())
        )
        key = (shape, kinds, limit)
        compiled = self._compiled.get(key)
        if compiled is None:
            # Two threads compiling at once make the same SQL: no lock needed.
            compiled = self._compiled[key] = self._compile(shape, params, limit)
        return compiled

    def _compile(self, shape, params: dict, limit: int | None) -> _Compiled:
        compiled = [self._compile_with(shape, params, limit, round_) for round_ in (0, 1)]
        (queryset, compiler, sql, sql_params, slots), (_, _, other_sql, other_params, _) = compiled
        differ = {
            n for n, (a, b) in enumerate(zip(sql_params, other_params, strict=False)) if a != b
        }
        places = {n for found in slots.values() for n in found}
        if other_sql != sql or len(other_params) != len(sql_params) or differ != places:
            raise ValueError(
                "the SQL of this read changes with its parameters' values: pass what changes "
                "it as `shape`"
            )
        using = queryset.db
        common = {
            "sql": sql,
            "params": tuple(sql_params),
            "slots": slots,
            "using": using,
            "compiler": compiler,
            # As Django: only where the database locks rows (not SQLite).
            "for_update": bool(queryset.query.select_for_update)
            and connections[using].features.has_select_for_update,
        }
        if queryset._iterable_class is ValuesListIterable:
            return _Compiled(**common)
        klass_info = compiler.klass_info
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return _Compiled(
            **common,
            model=klass_info["model"],
            init_list=[column[0].target.attname for column in compiler.select[first:last]],
            model_columns=slice(first, last),
            populators=get_related_populators(klass_info, compiler.select, using),
            annotation_col_map=dict(compiler.annotation_col_map or {}),
        )

    def _compile_with(self, shape, params: dict, limit: int | None, round_: int) -> tuple:
        stand_ins = {
            name: _stand_in(index, value, round_)
            for index, (name, value) in enumerate(params.items())
        }
        queryset = (
            self._build(**stand_ins) if shape is None else self._build(shape=shape, **stand_ins)
        )
        if (
            queryset._iterable_class not in (ModelIterable, ValuesListIterable)
            or queryset._prefetch_related_lookups
        ):
            raise ValueError(
                "a compiled read is a model or values_list() queryset without prefetch_related"
            )
        if limit is not None:
            queryset = queryset[:limit]
        compiler = queryset.query.get_compiler(using=queryset.db)
        # Fills the compiler's select, klass_info and annotation_col_map; refuses a
        # select_for_update outside a transaction, as running the queryset would.
        try:
            sql, sql_params = compiler.as_sql()
        except EmptyResultSet:
            raise ValueError(
                "this read matches nothing with stand-in values (a parameter outside a "
                "field's range?): it cannot be compiled once"
            ) from None
        slots = {}
        for name, stand_in in stand_ins.items():
            adapted = _adapt(connections[queryset.db], stand_in)
            slots[name] = tuple(
                position for position, value in enumerate(sql_params) if _same(value, adapted)
            )
            if not slots[name]:
                raise ValueError(
                    f"parameter {name!r} does not reach the SQL as it is (arithmetic, a "
                    "transform?): this read cannot be compiled once"
                )
        return queryset, compiler, sql, list(sql_params), slots

    def _run(self, compiled: _Compiled, params: dict) -> list:
        connection = connections[compiled.using]
        if compiled.for_update and connection.get_autocommit():
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        values = list(compiled.params)
        for name, value in params.items():
            adapted = _adapt(connection, _checked(value))
            for position in compiled.slots[name]:
                # An int goes in the same wrapper as the stand-in did (psycopg's Int4 for an
                # integer column: the type PostgreSQL is told).
                kind = type(compiled.params[position])
                values[position] = adapted if kind is type(adapted) else kind(adapted)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, values)
            rows = cursor.fetchall()
        if compiled.compiler.has_extra_select:
            # Columns selected for the ordering only, as Django leaves them out.
            rows = [row[: compiled.compiler.col_count] for row in rows]
        if compiled.model is None:
            # What ValuesListIterable does: the converters, a tuple per row.
            return list(compiled.compiler.results_iter(results=[rows], tuple_expected=True))
        # What Django's ModelIterable does with the rows: its converters (JSON, dates...),
        # the model's from_db, the select_related objects, the annotations.
        objects = []
        for row in compiled.compiler.results_iter(results=[rows]):
            instance = compiled.model.from_db(
                compiled.using, compiled.init_list, row[compiled.model_columns]
            )
            for populator in compiled.populators:
                populator.populate(row, instance)
            for attribute, position in compiled.annotation_col_map.items():
                setattr(instance, attribute, row[position])
            objects.append(instance)
        return objects
