"""The chase board (SPEC §4 "Chasing overdue handling"): every open item of every registered
ChaseSource with its colour, days left or overdue, unit and the last reminder sent.

The board reads its items from the sources (core.chase), so core imports no app. A source that
describes its items in SQL (ChaseSource.board_columns) is counted, sorted and paged by the database:
the colour counts take one query, a page of the board one query for all sources and
one for the latest reminders of its rows, whatever the number of items. Sources without it (the
tests' fakes) are read in Python from open_items().
"""
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Case, CharField, Count, IntegerField, Q, Value, When
from django.utils.translation import pgettext_lazy

from . import chase
from .cache import quietly
from .chase import Colour
from .models import HandlingUnit, Reminder

# Red first, then yellow, then green: what is most urgent heads the board.
COLOUR_ORDER = {Colour.RED: 0, Colour.YELLOW: 1, Colour.GREEN: 2}
COLOUR_LABELS = {
    Colour.RED: pgettext_lazy("chase colour", "Red card"),
    Colour.YELLOW: pgettext_lazy("chase colour", "Yellow card"),
    Colour.GREEN: pgettext_lazy("chase colour", "On track"),
}
COLOUR_CHOICES = [(key, COLOUR_LABELS[key]) for key in (Colour.RED, Colour.YELLOW, Colour.GREEN)]
# The colour of each SQL rank (_rank); green items without a due date (rank 3) come last.
RANK_COLOUR = {0: Colour.RED, 1: Colour.YELLOW, 2: Colour.GREEN, 3: Colour.GREEN}
PAGE_SIZE = 50


def due_soon_days():
    """The yellow period (SPEC §4: due within 7 days), a setting with the law's default."""
    return getattr(settings, "CHASE_DUE_SOON_DAYS", 7)


@dataclass(frozen=True)
class LastReminder:
    kind: str
    day: datetime.date

    @property
    def kind_label(self):
        return Reminder.Kind(self.kind).label


@dataclass(frozen=True)
class ChaseRow:
    """One line of the board."""

    item: chase.ChaseItem
    source_label: str
    colour: str
    days_left: int | None  # negative when overdue, None without a due date
    unit_name: str
    last_reminder: LastReminder | None
    done_label: str = ""  # the source's word for an item done, e.g. 已答复 or 已整改

    @property
    def colour_label(self):
        return COLOUR_LABELS[self.colour]

    @property
    def days_overdue(self):
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def sort_key(self):
        # Within a colour the nearest (or most overdue) due date first; items without one last.
        return (COLOUR_ORDER[self.colour], self.days_left is None, self.days_left or 0, self.item.title)


@dataclass(frozen=True)
class ChaseBoard:
    rows: list  # the rows of the page shown (every row without paging)
    counts: dict  # {"red": n, "yellow": n, "green": n} over the unit and source filters, before the colour filter
    page: object = None  # the django.core.paginator Page of the rows, when paged

    @property
    def total(self):
        return sum(self.counts.values())


def _chosen(source=None):
    """The sources asked for, and whether all of them can be read in SQL."""
    chosen = [s for s in chase.sources() if source in (None, "", s.key)]
    return chosen, all(s.board_columns is not None and s.board_items is not None for s in chosen)


def _items(chosen, *, unit_id=None):
    """(source, item) for every open item of the chosen sources, narrowed to one unit when given."""
    for chase_source in chosen:
        for item in chase_source.open_items():
            if unit_id is None or item.unit_id == unit_id:
                yield chase_source, item


def _unit_names(items):
    ids = {item.unit_id for item in items if item.unit_id is not None}
    return dict(HandlingUnit.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _last_reminders(keys):
    """The latest reminder of each (source, item_id) of `keys`: one query for all."""
    by_source = {}
    for key, item_id in keys:
        by_source.setdefault(key, set()).add(item_id)
    if not by_source:
        return {}
    wanted = Q()
    for key, ids in by_source.items():
        wanted |= Q(source=key, item_id__in=ids)
    latest = {}
    rows = Reminder.objects.filter(wanted).order_by("-day", "-pk").values_list("source", "item_id", "kind", "day")
    for key, item_id, kind, day in rows:
        latest.setdefault((key, item_id), LastReminder(kind=kind, day=day))
    return latest


# --- in SQL --------------------------------------------------------------------------------------

SQL_COLUMNS = ("chase_source", *(f"chase_{name}" for name in chase.BOARD_COLUMNS), "chase_rank")
SQL_ORDER = ("chase_rank", "chase_due", "chase_title", "chase_source", "chase_item_id")


def _rank(today, days):
    """core.chase.colour in SQL: 0 red, 1 yellow, 2 green, 3 green without a due date."""
    return Case(
        When(chase_done=False, chase_due__lt=today, then=Value(0)),
        When(chase_done=False, chase_due__lte=today + datetime.timedelta(days=days), then=Value(1)),
        When(chase_due__isnull=False, then=Value(2)),
        default=Value(3), output_field=IntegerField())


def _sql_items(chase_source, *, today, days, unit_id=None):
    """The source's parts of open items with the SQL_COLUMNS, narrowed to one unit when given."""
    parts = []
    for queryset, columns in chase_source.board_columns():
        queryset = queryset.annotate(chase_source=Value(chase_source.key, output_field=CharField()))
        queryset = queryset.annotate(**{f"chase_{name}": columns[name] for name in chase.BOARD_COLUMNS})
        queryset = queryset.annotate(chase_rank=_rank(today, days)).order_by()
        if unit_id is not None:
            queryset = queryset.filter(chase_unit_id=unit_id)
        parts.append(queryset)
    return parts


def _union(parts):
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def _sql_rank_counts(chosen, *, today, days, unit_id=None, alerts_only=False):
    """{rank: items} over all chosen sources, in one query: a union of one aggregate row per part of
    each source. alerts_only counts the red and yellow items alone (the green ranks stay 0), so that
    the database folds away the parts of the sources that can only be green. A source that keeps its
    counts (ChaseSource.counts_cache) is read from the cache while nothing it counts has changed."""
    keys, timeouts = {}, {}
    for chase_source in chosen:
        kept = chase_source.counts_cache() if chase_source.counts_cache else None
        if kept is not None:
            generation, timeouts[chase_source.key] = kept
            keys[chase_source.key] = (f"chase:counts:{chase_source.key}:{generation}:{today.isoformat()}:{days}:"
                                      f"{unit_id}:{int(alerts_only)}")
    by_source = _cache_get_many(keys)
    missing = [chase_source for chase_source in chosen if chase_source.key not in by_source]
    parts = [
        (part.filter(chase_rank__lte=1) if alerts_only else part).values("chase_source")
        .annotate(red=Count("pk", filter=Q(chase_rank=0)), yellow=Count("pk", filter=Q(chase_rank=1)),
                  dated=Count("pk", filter=Q(chase_rank=2)), total=Count("pk"))
        .values_list("chase_source", "red", "yellow", "dated", "total")
        for chase_source in missing for part in _sql_items(chase_source, today=today, days=days, unit_id=unit_id)
    ]
    if parts:
        counted = {chase_source.key: dict.fromkeys(RANK_COLOUR, 0) for chase_source in missing}
        for key, red, yellow, dated, total in _union(parts):
            ranks = counted[key]
            ranks[0] += red
            ranks[1] += yellow
            ranks[2] += dated
            ranks[3] += total - red - yellow - dated
        by_source.update(counted)
        for key, ranks in counted.items():
            if key in keys:
                quietly(cache.set, keys[key], ranks, timeouts[key])
    ranks = dict.fromkeys(RANK_COLOUR, 0)
    for counted in by_source.values():
        for rank, items in counted.items():
            ranks[rank] += items
    return ranks


def _cache_get_many(keys):
    """{source key: its kept counts} of those in the cache (none when the cache is unreachable)."""
    if not keys:
        return {}
    found = quietly(cache.get_many, list(keys.values()), default={})
    return {source: found[key] for source, key in keys.items() if key in found}


def _colour_counts(ranks):
    counts = dict.fromkeys(COLOUR_ORDER, 0)
    for rank, items in ranks.items():
        counts[RANK_COLOUR[rank]] += items
    return counts


def _sql_counts(chosen, **kwargs):
    """{"red": n, "yellow": n, "green": n} in one query (see _sql_rank_counts)."""
    return _colour_counts(_sql_rank_counts(chosen, **kwargs))


class _SqlRows:
    """The board's rows in SQL order, counted beforehand by rank: what Paginator slices, one query a
    page. A slice reads only the ranks it covers, so the database skips the parts of the sources
    whose rank is fixed and lies elsewhere (the suggestions closed with a promise pending, always
    green without a due date, are read only by the pages that reach them)."""

    def __init__(self, rows_of, ranks):
        self.rows_of, self.ranks = rows_of, ranks  # ranks: [(rank, items)] in the board's order

    def count(self):
        return sum(items for _rank, items in self.ranks)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        start, stop = index.start or 0, index.stop
        picked, first, before = [], None, 0
        for rank, items in self.ranks:
            if items and before < stop and before + items > start:
                picked.append(rank)
                first = before if first is None else first
            before += items
        if not picked:
            return []
        return list(self.rows_of(picked)[start - first:stop - first])


def _sql_rows(chosen, *, today, days, unit_id, ranks):
    """The union of the chosen sources' parts of the given ranks, in the board's order."""
    parts = []
    for chase_source in chosen:
        for part in _sql_items(chase_source, today=today, days=days, unit_id=unit_id):
            if set(ranks) != set(RANK_COLOUR):
                part = part.filter(chase_rank__in=ranks)
            parts.append(part.values_list(*SQL_COLUMNS))
    return _union(parts).order_by(*SQL_ORDER)


def _sql_board(chosen, *, today, days, unit_id, colour, page, per_page):
    ranks = _sql_rank_counts(chosen, today=today, days=days, unit_id=unit_id)
    counts = _colour_counts(ranks)
    wanted = [rank for rank, rank_colour in RANK_COLOUR.items() if not colour or rank_colour == colour]

    def rows_of(picked):
        return _sql_rows(chosen, today=today, days=days, unit_id=unit_id, ranks=picked)

    if page is None:
        page_obj, picked = None, list(rows_of(wanted))
    else:
        page_obj = Paginator(_SqlRows(rows_of, [(rank, ranks[rank]) for rank in wanted]), per_page).get_page(page)
        picked = page_obj.object_list
    registered = {s.key: s for s in chosen}
    picked = [dict(zip(SQL_COLUMNS, row)) for row in picked]
    reminders = _last_reminders((row["chase_source"], row["chase_item_id"]) for row in picked)
    items = {}
    for key, chase_source in registered.items():
        mine = [row for row in picked if row["chase_source"] == key]
        made = chase_source.board_items([{name: row[f"chase_{name}"] for name in chase.BOARD_COLUMNS} for row in mine])
        items.update(((key, row["chase_item_id"]), item) for row, item in zip(mine, made))
    board_rows = []
    for row in picked:
        chase_source = registered[row["chase_source"]]
        item = items[(row["chase_source"], row["chase_item_id"])]
        board_rows.append(ChaseRow(
            item=item, source_label=str(chase_source.label), colour=RANK_COLOUR[row["chase_rank"]],
            days_left=chase.days_left(item, today), unit_name=row["chase_unit_name"] or "",
            last_reminder=reminders.get((item.source, item.item_id)), done_label=str(chase_source.done_label)))
    if page_obj is not None:
        page_obj.object_list = board_rows
    return ChaseBoard(rows=board_rows, counts=counts, page=page_obj)


# --- the selectors -------------------------------------------------------------------------------

def chase_counts(*, today, unit_id=None):
    """Red, yellow and green items, for the dashboards: one query whatever the number of items and
    sources (when they all describe their items in SQL, as the apps' do)."""
    days = due_soon_days()
    chosen, in_sql = _chosen()
    if in_sql:
        return _sql_counts(chosen, today=today, days=days, unit_id=unit_id)
    counts = dict.fromkeys(COLOUR_ORDER, 0)
    for _source, item in _items(chosen, unit_id=unit_id):
        counts[chase.colour(item, today, due_soon_days=days)] += 1
    return counts


def chase_alerts(*, today, unit_id=None):
    """The red and yellow items only, {"red": n, "yellow": n}: what the dashboards show, in one query
    that skips the parts of the sources that can only be green."""
    chosen, in_sql = _chosen()
    if in_sql:
        counts = _sql_counts(chosen, today=today, days=due_soon_days(), unit_id=unit_id, alerts_only=True)
    else:
        counts = chase_counts(today=today, unit_id=unit_id)
    return {Colour.RED: counts[Colour.RED], Colour.YELLOW: counts[Colour.YELLOW]}


def chase_board(*, today, unit_id=None, colour=None, source=None, page=None, per_page=PAGE_SIZE):
    """The open items with their colour, sorted red first (most overdue first), then yellow, then
    green; `unit_id`, `colour` and `source` narrow it. A unit officer's board is always called
    with their own unit_id (core.views_chase), so no other unit's item reaches their page.

    With `page` (a page number, as Paginator.get_page takes it) only that page's rows are read;
    without it every row (the Excel export)."""
    days = due_soon_days()
    chosen, in_sql = _chosen(source)
    if in_sql and chosen:
        return _sql_board(chosen, today=today, days=days, unit_id=unit_id, colour=colour, page=page,
                          per_page=per_page)
    counts = dict.fromkeys(COLOUR_ORDER, 0)
    picked = []
    for chase_source, item in _items(chosen, unit_id=unit_id):
        item_colour = chase.colour(item, today, due_soon_days=days)
        counts[item_colour] += 1
        if not colour or item_colour == colour:
            picked.append((chase_source, item, item_colour))
    picked.sort(key=lambda entry: (COLOUR_ORDER[entry[2]], chase.days_left(entry[1], today) is None,
                                   chase.days_left(entry[1], today) or 0, entry[1].title))
    page_obj = None
    if page is not None:
        page_obj = Paginator(picked, per_page).get_page(page)
        picked = list(page_obj.object_list)
    items = [item for _s, item, _c in picked]
    names, reminders = _unit_names(items), _last_reminders((item.source, item.item_id) for item in items)
    rows = [
        ChaseRow(item=item, source_label=str(chase_source.label), colour=item_colour,
                 days_left=chase.days_left(item, today), unit_name=names.get(item.unit_id, ""),
                 last_reminder=reminders.get((item.source, item.item_id)), done_label=str(chase_source.done_label))
        for chase_source, item, item_colour in picked
    ]
    if page_obj is not None:
        page_obj.object_list = rows
    return ChaseBoard(rows=rows, counts=counts, page=page_obj)
