"""The sources of a deputy's duty record (履职档案).

Every act of a deputy becomes a line of their record: attending a session, receiving voters,
reporting to voters, and later submitting a suggestion or joining an inspection. Each app that
records such acts registers a DutySource in its AppConfig.ready(); the performance record in
reports/ asks every source, so deputies never imports the apps that stand to its right.
"""
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from django.db.models import BooleanField, F, Subquery
from django.db.models.expressions import Expression

# The columns of a source's line_query, in this order: the act's date, the id its link opens, two
# texts and two numbers the source's line_row turns into a DutyLine (None where unused). Every
# source answers the same columns, so the record reads the lines of all sources in one UNION ALL.
LINE_COLUMNS = ("line_date", "line_ref", "line_text1", "line_text2", "line_number1", "line_number2")


@dataclass(frozen=True)
class DutyLine:
    date: object  # datetime.date
    text: str
    url: str = ""


@dataclass(frozen=True)
class DutySource:
    kind: str  # a stable slug, also the key of DutyWeight.kind
    label: str  # shown as the column heading
    # count(start, end) -> {deputy_id: number of acts dated start..end inclusive}, in one or two queries
    count: Callable
    # lines(deputy, start, end) -> [DutyLine], the acts themselves for one deputy's record
    lines: Callable
    default_points: Decimal = Decimal("1")
    order: int = 100
    # Optional, for one query over all sources (reports.performance):
    # count_query(start, end, deputies) -> a values QuerySet, or a tuple of them whose rows add up,
    #   of rows (deputy id, n) grouped by deputy, not evaluated; `deputies` (ids or a pk queryset)
    #   narrows it, None for every deputy. count() must count the same acts.
    count_query: Callable | None = None
    # line_query(deputy, start, end) -> a QuerySet annotated with LINE_COLUMNS (see line_values),
    #   one row per line of lines(); line_row(row) -> DutyLine builds the line from such a row.
    line_query: Callable | None = None
    line_row: Callable | None = None


_sources: dict[str, DutySource] = {}


def register(source):
    _sources[source.kind] = source


def sources():
    return sorted(_sources.values(), key=lambda source: source.order)


def get(kind):
    return _sources[kind]


def line_values(queryset, *, date, ref, text1=None, text2=None, number1=None, number2=None):
    """`queryset` annotated with LINE_COLUMNS in their order (a UNION needs the same column order
    and types in every part); each argument is an expression or a field name, None for NULL."""
    from django.db.models import CharField, DateField, F, IntegerField, Value

    def expression(value, output_field):
        if value is None:
            return Value(None, output_field=output_field)
        return F(value) if isinstance(value, str) else value

    columns = (
        expression(date, DateField()), expression(ref, IntegerField()), expression(text1, CharField()),
        expression(text2, CharField()), expression(number1, IntegerField()), expression(number2, IntegerField()),
    )
    return queryset.order_by().annotate(**dict(zip(LINE_COLUMNS, columns))).values(*LINE_COLUMNS)


class _Among(Expression):
    """`column IN (ids)`; on PostgreSQL `column = ANY(ARRAY(ids))` (see among())."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column, ids):
        super().__init__()
        self.column, self.ids = F(column), Subquery(ids)

    def get_source_expressions(self):
        return [self.column, self.ids]

    def set_source_expressions(self, expressions):
        self.column, self.ids = expressions

    def _parts(self, compiler):
        column_sql, column_params = compiler.compile(self.column)
        ids_sql, ids_params = compiler.compile(self.ids)
        return column_sql, ids_sql, [*column_params, *ids_params]

    def as_sql(self, compiler, connection):
        column_sql, ids_sql, params = self._parts(compiler)
        return f"{column_sql} IN {ids_sql}", params

    def as_postgresql(self, compiler, connection):
        column_sql, ids_sql, params = self._parts(compiler)
        return f"{column_sql} = ANY(ARRAY{ids_sql})", params


def among(column, ids):
    """A filter: `column` (a field name) is one of the ids `ids` (a values("pk") queryset) selects.

    On PostgreSQL it reads `column = ANY(ARRAY(...))`: the few ids are gathered first and the
    column's index is probed for each, where `IN (...)` lets the planner hash the whole table (a
    year's thousand supervision activities against every year's 55,000 participant rows)."""
    return _Among(column, ids)
