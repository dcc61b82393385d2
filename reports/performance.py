"""The deputies' performance record (履职档案): counts of every kind of duty act and the score.

代表法 Art. 58: the presidium records its deputies' performance and makes it public. Every app
that records deputies' acts registers a DutySource in deputies.duty; this module asks each
registered source, so it never imports congress, motions or supervision by name.

A deputy belongs to a year's record when one of their township mandates overlaps the year:
elected on or before 31 December and not ended on or before 1 January (ended_on is the first
day out of office). The score (履职积分) is Σ count × points, the points being those the office
set (DutyWeight) or, for a kind it has not set, the source's default.
"""
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import CharField, Exists, F, IntegerField, Min, OuterRef, Q, Subquery, Value
from django.utils import timezone

from deputies import duty
from deputies.models import Award, Deputy, DutyWeight, Mandate, Term

from .performance_ranking import RankedDeputies, count_parts

# ?sort= keys that are not a source's kind; any other key falls back to DEFAULT_SORT.
FIXED_SORT_KEYS = ("name", "district", "total", "score")
DEFAULT_SORT = "-score"
ONE_DECIMAL = Decimal("0.1")
TABLE_PAGE_SIZE = 50  # deputies per page of the table
RECORD_PAGE_SIZE = 100  # lines per page of a deputy's record


def current_year():
    # The township's year, not the server's: on 1 January at 07:00 in Beijing it is already the new year.
    return timezone.localdate(timezone=timezone.get_default_timezone()).year


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def performance_years():
    """The years a record can be asked for, newest first: from the first term's start to this year (one query)."""
    this_year = current_year()
    first = Term.objects.aggregate(first=Min("start_date"))["first"]
    first_year = min(first.year, this_year) if first else this_year
    return list(range(this_year, first_year - 1, -1))


def parse_year(value, years):
    """The year asked for in ?year=, if it is one of `years`; otherwise the newest of them."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return years[0]
    return year if year in years else years[0]


# --- points -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One registered kind of duty act, as a column of the table."""

    kind: str
    label: str
    points: Decimal
    default_points: Decimal

    @property
    def is_default(self):
        return self.points == self.default_points

    @property
    def points_text(self):
        """7 rather than 7.0, 2.5 as it is."""
        return _plain(self.points)

    @property
    def default_points_text(self):
        return _plain(self.default_points)


def _plain(number):
    return format(number.normalize(), "f")


def duty_columns(weights=None):
    """Every registered source with its points: `weights` (kind → points) if given, else the
    office's DutyWeight rows (one query), else the source's default."""
    if weights is None:
        weights = dict(DutyWeight.objects.values_list("kind", "points"))
    return [
        Column(
            kind=source.kind, label=str(source.label),
            points=Decimal(str(weights.get(source.kind, source.default_points))),
            default_points=Decimal(str(source.default_points)),
        )
        for source in duty.sources()
    ]


def _score(counts, columns):
    return sum((counts.get(column.kind, 0) * column.points for column in columns), Decimal("0"))


def duty_counts(columns, start, end, *, deputies=None):
    """{kind: {deputy_id: acts dated start..end}} for every column: the sources that offer a
    count_query are read together in one UNION ALL; any other source by its own count().
    `deputies` (ids) narrows the counts to those deputies."""
    counts = {column.kind: {} for column in columns}
    parts = []
    for column in columns:
        source = duty.get(column.kind)
        if source.count_query is None:
            counted = source.count(start, end)
            counts[column.kind] = (counted if deputies is None
                                   else {pk: n for pk, n in counted.items() if pk in set(deputies)})
            continue
        queries = source.count_query(start, end, deputies)
        for query in queries if isinstance(queries, (tuple, list)) else (queries,):
            parts.append(query.annotate(duty_kind=Value(column.kind, output_field=CharField())))
    if parts:
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for deputy_id, number, kind in (tuple(row.values()) for row in rows):
            by_deputy = counts[kind]
            by_deputy[deputy_id] = by_deputy.get(deputy_id, 0) + number
    return counts


# --- the table of all deputies -----------------------------------------------------------------

@dataclass
class PerformanceRow:
    deputy: Deputy
    counts: dict  # kind -> number of acts in the year
    cells: list  # the counts in column order, for templates and the sheet
    items: list  # (column, count) pairs in column order
    total: int
    score: Decimal
    served_from: datetime.date | None  # the day they took office, when within the year
    left_on: datetime.date | None  # the first day out of office, when within the year

    @property
    def part_year(self):
        return bool(self.served_from or self.left_on)


@dataclass
class PerformanceTable:
    year: int
    columns: list
    rows: list = field(default_factory=list)
    sort: str = DEFAULT_SORT

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    @property
    def sort_keys(self):
        return FIXED_SORT_KEYS + tuple(column.kind for column in self.columns)

    def sorted(self, sort):
        """The same table ordered by `sort` ("score", "-score", a source's kind…); an unknown key
        falls back to the default order (highest score first) rather than failing."""
        key = (sort or "").strip()
        if key.removeprefix("-") not in self.sort_keys:
            key = DEFAULT_SORT
        descending, name = key.startswith("-"), key.removeprefix("-")
        # Ties always read by name, so the order is stable whatever the database returned.
        rows = sorted(self.rows, key=lambda row: (row.deputy.name, row.deputy.pk))
        rows.sort(key=lambda row: _sort_value(row, name), reverse=descending)
        return PerformanceTable(year=self.year, columns=self.columns, rows=rows, sort=key)


def _sort_value(row, name):
    if name == "name":
        return row.deputy.name
    if name == "district":
        district = row.deputy.district
        return (district is None, district.number if district else 0)
    if name == "total":
        return row.total
    if name == "score":
        return row.score
    return row.counts.get(name, 0)


def mandates_overlapping(year):
    """Township mandates held on at least one day of `year`."""
    start, end = year_bounds(year)
    return Mandate.objects.filter(level=Mandate.Level.TOWNSHIP, elected_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=start)
    )


def deputies_of_year(year):
    """Deputies in office at any time in `year`, with when they came in or left within it (one query)."""
    mandates = mandates_overlapping(year).filter(deputy=OuterRef("pk"))
    return (
        Deputy.objects.filter(Exists(mandates))
        .select_related("district")
        .annotate(
            first_elected_on=Subquery(mandates.order_by("elected_on").values("elected_on")[:1]),
            # A mandate still held sorts first (NULL), so the annotation is NULL for a deputy in office.
            last_ended_on=Subquery(mandates.order_by(F("ended_on").desc(nulls_first=True)).values("ended_on")[:1]),
        )
        .order_by("name", "pk")
    )


def performance_table(year, *, weights=None, sort=None):
    """One row per deputy in office at any time in `year`, with the count of every registered kind
    of act between 1 January and 31 December and the score.

    Queries: the weights (unless given), the deputies, and one per registered source, whatever
    the number of deputies.
    """
    start, end = year_bounds(year)
    columns = duty_columns(weights)
    deputies = list(deputies_of_year(year))
    counts_by_kind = duty_counts(columns, start, end)
    rows = [_row(deputy, counts_by_kind, columns, year) for deputy in deputies]
    return PerformanceTable(year=year, columns=columns, rows=rows).sorted(sort)


def _row(deputy, counts_by_kind, columns, year):
    start, end = year_bounds(year)
    counts = {kind: int(counted.get(deputy.pk, 0)) for kind, counted in counts_by_kind.items()}
    return PerformanceRow(
        deputy=deputy, counts=counts, cells=[counts[column.kind] for column in columns],
        items=[(column, counts[column.kind]) for column in columns],
        total=sum(counts.values()), score=_score(counts, columns),
        served_from=deputy.first_elected_on if deputy.first_elected_on > start else None,
        left_on=deputy.last_ended_on if deputy.last_ended_on and deputy.last_ended_on <= end else None,
    )


def performance_table_page(year, *, sort=None, page=None, weights=None, per_page=TABLE_PAGE_SIZE):
    """One page of the table: (PerformanceTable of the page's rows, the Paginator's page).

    Ordered by name or district, the page is cut in SQL and only its deputies are counted; ordered
    by a count or the score, every deputy's counts are needed to order them, but only the page's
    deputies are read in full: when every source offers a count_query, the database orders the
    deputies by the tally of the UNION ALL and cuts the page (reports.performance_ranking).
    Queries: the weights (unless given) and three, whatever the number of deputies."""
    start, end = year_bounds(year)
    columns = duty_columns(weights)
    key = PerformanceTable(year=year, columns=columns).sorted(sort).sort
    descending, name = key.startswith("-"), key.removeprefix("-")
    deputies = deputies_of_year(year)
    if name in ("name", "district"):
        if name == "name":
            order = [F("name").desc() if descending else F("name").asc(), "pk"]
        else:
            number = (F("district__number").desc(nulls_first=True) if descending
                      else F("district__number").asc(nulls_last=True))
            order = [number, "name", "pk"]
        page_obj = Paginator(deputies.order_by(*order), per_page).get_page(page)
        shown = list(page_obj.object_list)
        counts_by_kind = duty_counts(columns, start, end, deputies=[deputy.pk for deputy in shown])
    elif (parts := count_parts(columns, start, end)):
        ranked = RankedDeputies(mandates_overlapping(year), columns, parts, name, descending)
        page_obj = Paginator(ranked, per_page).get_page(page)
        counts_by_kind = {column.kind: {} for column in columns}
        for pk, counts in page_obj.object_list:
            for kind, number in counts.items():
                counts_by_kind[kind][pk] = number
        by_pk = deputies.filter(pk__in=[pk for pk, _counts in page_obj.object_list]).in_bulk()
        shown = [by_pk[pk] for pk, _counts in page_obj.object_list if pk in by_pk]
    else:
        in_year = deputies.order_by().values_list("pk", "name")
        counts_by_kind = duty_counts(columns, start, end)
        everyone = sorted(in_year, key=lambda pair: (pair[1], pair[0]))

        def value(pk):
            counts = {kind: counted.get(pk, 0) for kind, counted in counts_by_kind.items()}
            if name == "total":
                return sum(counts.values())
            return _score(counts, columns) if name == "score" else counts.get(name, 0)

        everyone.sort(key=lambda pair: value(pair[0]), reverse=descending)
        page_obj = Paginator([pk for pk, _name in everyone], per_page).get_page(page)
        by_pk = deputies.filter(pk__in=list(page_obj.object_list)).in_bulk()
        shown = [by_pk[pk] for pk in page_obj.object_list if pk in by_pk]
    rows = [_row(deputy, counts_by_kind, columns, year) for deputy in shown]
    return PerformanceTable(year=year, columns=columns, rows=rows, sort=key), page_obj


def performance_summary(year, *, weights=None):
    """The year's figures for the year-end report: how many deputies, the average score, the acts
    of each kind in all, and the deputies who recorded no act at all."""
    table = performance_table(year, weights=weights, sort="name")
    scores = [row.score for row in table]
    average = (sum(scores, Decimal("0")) / len(scores)).quantize(ONE_DECIMAL) if scores else Decimal("0.0")
    return {
        "year": year,
        "deputies": len(table),
        "average_score": average,
        "totals": {column.kind: sum(row.counts[column.kind] for row in table) for column in table.columns},
        "columns": table.columns,
        "zero_acts": [row.deputy for row in table if row.total == 0],
    }


# --- one deputy's record -------------------------------------------------------------------------

@dataclass(frozen=True)
class RecordLine:
    date: datetime.date
    text: str
    url: str
    kind: str
    label: str


@dataclass(frozen=True)
class RecordItem:
    column: Column
    count: int

    @property
    def points(self):
        return self.count * self.column.points


@dataclass
class DeputyRecord:
    deputy: Deputy
    year: int
    items: list  # RecordItem per registered source, in column order
    score: Decimal
    total: int
    lines: list  # RecordLine, by date
    awards: list  # the deputy's own awards of the year
    group_awards: list  # awards of the year to groups the deputy belongs to


def deputy_record(deputy, year, *, weights=None):
    """A deputy's record of `year`: the count of each kind of act, the score, every act as a line
    (by date) and the year's awards. The counts come from the same count() as the table, so the
    deputy's page and the office's table always show the same score."""
    start, end = year_bounds(year)
    columns = duty_columns(weights)
    counts_by_kind = duty_counts(columns, start, end, deputies=[deputy.pk])
    items = [RecordItem(column=column, count=int(counts_by_kind[column.kind].get(deputy.pk, 0))) for column in columns]
    counts = {item.column.kind: item.count for item in items}
    lines = RecordLines(deputy, columns, start, end, total=sum(counts.values()))
    if not lines.in_sql:
        lines = lines.everything()
    awards = list(Award.objects.filter(year=year).filter(Q(deputy=deputy) | Q(group__members=deputy))
                  .select_related("group").distinct().order_by("title", "pk"))
    return DeputyRecord(
        deputy=deputy, year=year, items=items, score=_score(counts, columns), total=sum(counts.values()),
        lines=lines,
        awards=[award for award in awards if award.deputy_id == deputy.pk],
        group_awards=[award for award in awards if award.group_id is not None],
    )


class RecordLines:
    """A deputy's lines of the year, by date, as a sequence a Paginator can cut: when every source
    offers a line_query, one UNION ALL reads the slice asked for (its length is the number of acts
    already counted, so no count query); otherwise every source's lines() are read and merged."""

    def __init__(self, deputy, columns, start, end, *, total):
        self.deputy, self.columns, self.start, self.end, self.total = deputy, columns, start, end, total
        self.sources = [duty.get(column.kind) for column in columns]
        self.in_sql = all(source.line_query is not None and source.line_row is not None for source in self.sources)

    def __len__(self):
        return self.total

    def __bool__(self):
        return self.total > 0

    def __iter__(self):
        return iter(self[0:self.total])

    def _union(self):
        parts = [
            source.line_query(self.deputy, self.start, self.end).annotate(
                line_kind=Value(column.kind, output_field=CharField()),
                line_order=Value(index, output_field=IntegerField()))
            for index, (column, source) in enumerate(zip(self.columns, self.sources))
        ]
        union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        return union.order_by("line_date", "line_order", "line_ref")

    def __getitem__(self, index):
        if not self.columns:
            return []
        rows = self._union()[index]
        if not isinstance(index, slice):
            rows = [rows]
        labels = {column.kind: column.label for column in self.columns}
        sources = {column.kind: source for column, source in zip(self.columns, self.sources)}
        lines = []
        for row in rows:
            line = sources[row["line_kind"]].line_row(row)
            lines.append(RecordLine(date=line.date, text=line.text, url=line.url, kind=row["line_kind"],
                                    label=labels[row["line_kind"]]))
        return lines if isinstance(index, slice) else lines[0]

    def everything(self):
        """Every line, each source asked in turn (for sources without a line_query)."""
        lines = []
        for column, source in zip(self.columns, self.sources):
            lines.extend(
                RecordLine(date=line.date, text=line.text, url=line.url, kind=column.kind, label=column.label)
                for line in source.lines(self.deputy, self.start, self.end)
            )
        order = {column.kind: index for index, column in enumerate(self.columns)}
        lines.sort(key=lambda line: (line.date, order[line.kind]))
        return lines


def record_lines_page(record, page=None, per_page=RECORD_PAGE_SIZE):
    """The page of the record's lines asked for (a Paginator page)."""
    return Paginator(record.lines, per_page).get_page(page)


def deputy_years(deputy):
    """The years the deputy held a township mandate, newest first, up to this year (one query)."""
    this_year = current_year()
    spans = list(deputy.mandates.filter(level=Mandate.Level.TOWNSHIP).values_list("elected_on", "ended_on"))
    years = set()
    for elected_on, ended_on in spans:
        last_day = ended_on - datetime.timedelta(days=1) if ended_on else datetime.date(this_year, 12, 31)
        years.update(range(elected_on.year, min(last_day.year, this_year) + 1))
    return sorted(years, reverse=True) or [this_year]


# --- awards ------------------------------------------------------------------------------------

def awards_of_year(year):
    """The awards of `year`, deputies' and groups' together (one query)."""
    return list(Award.objects.filter(year=year).select_related("deputy", "group", "group__term")
                .order_by("title", "deputy__name", "group__name", "pk"))


def award_years():
    """The years of the awards page's picker: the record's years and any year with an award (two queries)."""
    years = set(performance_years()) | set(Award.objects.order_by().values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)
