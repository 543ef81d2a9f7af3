"""Read queries written with the ORM, compiled to SQL once, then only run.

Building and compiling a Django query costs 0.2-0.4 ms of CPU; running one of
this site's small queries on SQLite costs a few hundredths of that. The
project page lists a project's goals, results, milestones, funding, events
and contacts: most of its time went into compiling the same SQL on every
request (README.md, "Performance").

A PreparedQuery keeps the query written in the ORM, in one place. It builds
and compiles it the first time it runs, once per database and language
(modeltranslation writes a language's own columns into the SQL), and after
that only runs the SQL through Manager.raw(), which makes ordinary model
instances with Django's usual conversion of the column values. Nothing is
cached but the SQL text: every call reads the database.

Values that change from request to request are Param placeholders, bound
when the query runs:

    GOALS = PreparedQuery(
        lambda: Goal.objects.filter(project_id=Param("project", IntegerField()))
    )
    goals = GOALS(project=project.pk)

The queryset may not use select_related() or prefetch_related(): a raw query
fills only the model's own fields. Slicing is fine; it becomes a fixed LIMIT.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Expression
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
        key = (using, get_language())
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(using)
        model, sql, params = compiled
        connection = connections[using]
        bound = [p.bind(values, connection) if isinstance(p, Param) else p for p in params]
        return list(model._base_manager.raw(sql, bound, using=using))

    def _compile(self, using):
        queryset = self._build()
        if queryset.query.select_related or queryset._prefetch_related_lookups:
            raise ValueError(
                "A PreparedQuery cannot use select_related() or prefetch_related(): "
                "a raw query fills only the model's own fields."
            )
        sql, params = queryset.query.get_compiler(using=using).as_sql()
        return queryset.model, sql, tuple(params)
