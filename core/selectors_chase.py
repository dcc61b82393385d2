"""The chase board (SPEC §4 "Chasing overdue handling"): every open item of every registered
ChaseSource with its colour, days left or overdue, unit and the last reminder sent.

The board reads its items from the sources (core.chase), so core imports no app. Besides the
sources' own queries it runs two: the names of the units shown and the latest reminder of each
item shown, whatever the number of items.
"""
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from . import chase
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
    rows: list
    counts: dict  # {"red": n, "yellow": n, "green": n} over the unit and source filters, before the colour filter

    @property
    def total(self):
        return sum(self.counts.values())


def _items(*, unit_id=None, source=None):
    """(source, item) for every open item, narrowed to one unit and one source when given."""
    chosen = [s for s in chase.sources() if source in (None, "", s.key)]
    for chase_source in chosen:
        for item in chase_source.open_items():
            if unit_id is None or item.unit_id == unit_id:
                yield chase_source, item


def _unit_names(items):
    ids = {item.unit_id for item in items if item.unit_id is not None}
    return dict(HandlingUnit.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _last_reminders(items):
    """The latest reminder of each item, keyed by (source, item_id): one query for all."""
    by_source = {}
    for item in items:
        by_source.setdefault(item.source, set()).add(item.item_id)
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


def chase_counts(*, today, unit_id=None):
    """Red, yellow and green items (for the dashboards): the sources' queries only."""
    counts = dict.fromkeys(COLOUR_ORDER, 0)
    days = due_soon_days()
    for _source, item in _items(unit_id=unit_id):
        counts[chase.colour(item, today, due_soon_days=days)] += 1
    return counts


def chase_board(*, today, unit_id=None, colour=None, source=None):
    """Every open item with its colour, sorted red first (most overdue first), then yellow, then
    green; `unit_id`, `colour` and `source` narrow it. A unit officer's board is always called
    with their own unit_id (core.views_chase), so no other unit's item reaches their page."""
    days = due_soon_days()
    counts = dict.fromkeys(COLOUR_ORDER, 0)
    picked = []
    for chase_source, item in _items(unit_id=unit_id, source=source):
        item_colour = chase.colour(item, today, due_soon_days=days)
        counts[item_colour] += 1
        if not colour or item_colour == colour:
            picked.append((chase_source, item, item_colour))
    items = [item for _s, item, _c in picked]
    names, reminders = _unit_names(items), _last_reminders(items)
    rows = [
        ChaseRow(item=item, source_label=str(chase_source.label), colour=item_colour,
                 days_left=chase.days_left(item, today), unit_name=names.get(item.unit_id, ""),
                 last_reminder=reminders.get((item.source, item.item_id)), done_label=str(chase_source.done_label))
        for chase_source, item, item_colour in picked
    ]
    rows.sort(key=lambda row: row.sort_key)
    return ChaseBoard(rows=rows, counts=counts)
