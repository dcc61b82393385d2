"""The performance table ordered by a count or the score, cut into pages by the database (issue 9).

Ordering 10⁴ deputies by their score needs every deputy's counts, but the page shows fifty: the
UNION ALL of the sources' count_query is tallied per deputy, joined to the deputies of the year,
ordered and cut in one query, which also returns the page's counts. Its order is the table's
(reports.performance.PerformanceTable.sorted): the value, then the name, then the id; the score is
compared as an exact integer (points × 10^places), so ties fall as they do with Decimals.
"""
from django.db import connection
from django.db.models import CharField, Exists, OuterRef, Value

from deputies import duty
from deputies.models import Deputy


def count_parts(columns, start, end):
    """Every column's count_query rows (deputy, n) tagged with the column's kind, or None when a
    source offers no count_query (the table then counts in Python)."""
    parts = []
    for column in columns:
        source = duty.get(column.kind)
        if source.count_query is None:
            return None
        queries = source.count_query(start, end, None)
        for query in queries if isinstance(queries, (tuple, list)) else (queries,):
            parts.append(query.annotate(duty_kind=Value(column.kind, output_field=CharField())))
    return parts


def _scale(columns):
    """10^places: every column's points times it is a whole number."""
    places = max((max(-column.points.as_tuple().exponent, 0) for column in columns), default=0)
    return 10 ** places


class RankedDeputies:
    """The deputies of the year in the order of `name` (a kind, "total" or "score"), highest first
    when `descending`, as a sequence a Paginator cuts: its length is one count, a slice is one
    query giving [(deputy_id, {kind: count})]."""

    def __init__(self, mandates, columns, parts, name, descending):
        self.columns, self.parts, self.name, self.descending = columns, parts, name, descending
        self.deputies = Deputy.objects.filter(Exists(mandates.filter(deputy=OuterRef("pk"))))
        self._length = None

    def __len__(self):
        if self._length is None:
            self._length = self.deputies.count()
        return self._length

    def _value(self):
        """The tally's column the rows are ordered by."""
        if self.name in ("score", "total"):
            return f"tally.{self.name}"
        return f"tally.c{[column.kind for column in self.columns].index(self.name)}"

    def _sql(self, limit, offset):
        union = self.parts[0].union(*self.parts[1:], all=True) if len(self.parts) > 1 else self.parts[0]
        union_sql, union_params = union.query.sql_with_params()
        people_sql, people_params = self.deputies.order_by().values("pk", "name").query.sql_with_params()
        scale = _scale(self.columns)
        tally_columns, tally_params = [], []
        for index, column in enumerate(self.columns):
            tally_columns.append(f"SUM(acts.n) FILTER (WHERE acts.kind = %s) AS c{index}")
            tally_params.append(column.kind)
        weight = " ".join("WHEN %s THEN %s" for _column in self.columns)
        for column in self.columns:
            tally_params += [column.kind, int(column.points * scale)]
        value = self._value()
        direction = "DESC" if self.descending else "ASC"
        counts = ", ".join(f"tally.c{index}" for index in range(len(self.columns)))
        sql = (
            # The counts summed as integers: COUNT's bigint would be summed as numeric, slower.
            f"WITH counted(deputy_id, n, kind) AS ({union_sql}), "
            f"acts(deputy_id, n, kind) AS (SELECT deputy_id, CAST(n AS integer), kind FROM counted), "
            f"people(id, name) AS ({people_sql}), "
            f"tally AS (SELECT acts.deputy_id, {', '.join(tally_columns)}, SUM(acts.n) AS total, "
            f"SUM(acts.n * CASE acts.kind {weight} ELSE 0 END) AS score FROM acts GROUP BY acts.deputy_id) "
            f"SELECT people.id, {counts} FROM people LEFT JOIN tally ON tally.deputy_id = people.id "
            f"ORDER BY COALESCE({value}, 0) {direction}, people.name ASC, people.id ASC LIMIT %s OFFSET %s"
        )
        return sql, [*union_params, *people_params, *tally_params, limit, offset]

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("RankedDeputies is read a page (a slice) at a time")
        start = index.start or 0
        stop = len(self) if index.stop is None else index.stop
        if stop <= start:
            return []
        sql, params = self._sql(stop - start, start)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        kinds = [column.kind for column in self.columns]
        return [(row[0], {kind: int(row[1 + i] or 0) for i, kind in enumerate(kinds)}) for row in rows]
