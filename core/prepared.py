"""Read queries written with the ORM, compiled to SQL once, then only run.

Building and compiling a Django query costs 0.2-0.4 ms of CPU; running one of
this site's small queries on SQLite costs a few hundredths of that. The
project page lists a project's goals, results, milestones, funding, events
and contacts: most of its time went into compiling the same SQL on every
request (README.md, "Performance").

A PreparedQuery keeps the query written in the ORM, in one place. It builds
and compiles it the first time it runs, once per database and language
(modeltranslation writes a language's own columns into the SQL), and after
that only runs the SQL. The rows become ordinary model instances the way
Django's own querysets make them: the database backend's converters for
each column (dates, times, decimals, booleans on SQLite), then
Model.from_db(). Nothing is cached but the SQL and the converters: every
call reads the database.

Values that change from request to request are Param placeholders, bound
when the query runs:

    GOALS = PreparedQuery(
        lambda: Goal.objects.filter(project_id=Param("project", IntegerField()))
    )
    goals = GOALS(project=project.pk)

The queryset must select the model's own columns, all of them: no
select_related(), prefetch_related(), values(), only() or annotations.
Or it ends in values_list(), and the rows come back as tuples; not on a
model with translated fields, whose values_list() modeltranslation fills in
Python. Slicing is fine; it becomes a fixed LIMIT.

A paginated list takes the query unsliced: count() runs it as a COUNT and
page() with LIMIT and OFFSET as parameters, so one compiled SQL serves every
page. PreparedRows hands both to Django's Paginator:

    EVENTS = PreparedQuery(lambda: Event.objects.past(Param("today", DateField())))
    Paginator(PreparedRows(EVENTS, today=today), 10).page(2)
"""

from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Expression
from django.db.models.query import ValuesListIterable
from django.utils.translation import get_language


class Param(Expression):
    """A value the query takes when it runs, e.g. Param("today", DateField()).
    `output_field` converts it for the database, as a filter on such a field
    would."""

    def __init__(self, name, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self):
        return f"Param({self.name!r})"

    def as_sql(self, compiler, connection):
        # The placeholder itself stands in the parameter list; PreparedQuery
        # puts the value there on each run.
        return "%s", [self]

    def bind(self, values, connection):
        try:
            value = values[self.name]
        except KeyError:
            raise TypeError(f"missing the value of Param({self.name!r})") from None
        return self.output_field.get_db_prep_value(value, connection)


class PreparedQuery:
    """A queryset, given as a function that builds it, run as compiled SQL."""

    def __init__(self, build):
        self._build = build
        self._compiled = {}

    def __call__(self, *, using=DEFAULT_DB_ALIAS, **values):
        """The rows as a list of model instances, in the queryset's order."""
        compiled = self._compiled_for(using)
        return self._run(compiled, compiled.sql, compiled.params, values, using)

    def page(self, offset, limit, *, using=DEFAULT_DB_ALIAS, **values):
        """`limit` rows from row `offset` on (counted from 0)."""
        compiled = self._compiled_for(using)
        if compiled.is_sliced:
            raise ValueError("page() needs the query unsliced; it adds LIMIT and OFFSET itself.")
        sql = f"{compiled.sql} LIMIT %s OFFSET %s"
        return self._run(compiled, sql, (*compiled.params, limit, offset), values, using)

    def count(self, *, using=DEFAULT_DB_ALIAS, **values):
        """How many rows the query finds."""
        compiled = self._compiled_for(using)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.count_sql, _bind(compiled.count_params, values, connection))
            return cursor.fetchone()[0]

    def _compiled_for(self, using):
        key = (using, get_language())
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(using)
        return compiled

    @staticmethod
    def _run(compiled, sql, params, values, using):
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, _bind(params, values, connection))
            rows = cursor.fetchall()
        model, attnames, converters = compiled.model, compiled.attnames, compiled.converters
        if converters:
            rows = [_convert(row, converters, connection) for row in rows]
        if attnames is None:  # values_list()
            return [tuple(row) for row in rows]
        return [model.from_db(using, attnames, row) for row in rows]

    def _compile(self, using):
        queryset = self._build()
        model = queryset.model
        if queryset.query.select_related or queryset._prefetch_related_lookups:
            raise ValueError(
                "A PreparedQuery cannot use select_related() or prefetch_related(): "
                "it makes instances of the queryset's model only."
            )
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        fields = model._meta.concrete_fields
        selected = [getattr(column, "target", None) for column, _sql, _alias in compiler.select]
        as_tuples = queryset._iterable_class is ValuesListIterable
        if not as_tuples and selected != list(fields):
            raise ValueError(
                "A PreparedQuery must select all of its model's own columns "
                "(no values(), only(), defer(), annotate() or extra()), or end in values_list() "
                "on a model without translated fields (modeltranslation fills those in Python)."
            )
        converters = tuple(
            (index, tuple(functions), expression)
            for index, (functions, expression) in compiler.get_converters(
                [column for column, _sql, _alias in compiler.select]
            ).items()
        )
        # The count needs neither the order (unless a slice depends on it)
        # nor the columns: the primary keys of the same rows, counted.
        counted = queryset if queryset.query.is_sliced else queryset.order_by()
        count_sql, count_params = counted.values("pk").query.get_compiler(using=using).as_sql()
        return _Compiled(
            model=model,
            attnames=None if as_tuples else tuple(field.attname for field in fields),
            converters=converters,
            sql=sql,
            params=tuple(params),
            is_sliced=queryset.query.is_sliced,
            # Django compiled the inner SQL; every value stays a parameter.
            count_sql=f"SELECT COUNT(*) FROM ({count_sql}) counted",  # noqa: S608
            count_params=tuple(count_params),
        )


class _Compiled(NamedTuple):
    model: type
    # The model's fields in the order of the columns; None for values_list().
    attnames: tuple | None
    # (column index, converter functions, column expression) for the
    # columns the database backend converts.
    converters: tuple
    sql: str
    params: tuple
    is_sliced: bool
    count_sql: str
    count_params: tuple


def _convert(row, converters, connection):
    row = list(row)
    for index, functions, expression in converters:
        value = row[index]
        for convert in functions:
            value = convert(value, expression, connection)
        row[index] = value
    return row


def _bind(params, values, connection):
    return [p.bind(values, connection) if isinstance(p, Param) else p for p in params]


class PreparedRows:
    """A PreparedQuery with its values, as the object list of Django's
    Paginator (or a ListView's queryset): count() runs the COUNT, a slice
    runs one page."""

    # The Paginator warns about unordered lists; a PreparedQuery's order is
    # the queryset's, which the caller chose.
    ordered = True

    def __init__(self, query, *, using=DEFAULT_DB_ALIAS, **values):
        self.query = query
        self.using = using
        self.values = values

    def count(self):
        return self.query.count(using=self.using, **self.values)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("PreparedRows only takes slices [start:stop].")
        start = index.start or 0
        if start < 0 or index.stop is None or index.stop < start:
            raise ValueError("PreparedRows needs 0 <= start <= stop.")
        return self.query.page(start, index.stop - start, using=self.using, **self.values)
