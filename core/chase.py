"""The daily chase (SPEC §4 "Chasing overdue handling"), shared by every kind of handled item.

Apps that have items handled by units against a due date (motions now, supervision's
rectification items next) register a ChaseSource in AppConfig.ready(). Each source describes
its open items as ChaseItem facts in a few queries; core decides which reminders are due from
those facts alone, so the rules live in one place and core imports no app.
"""
import datetime
from dataclasses import dataclass, field
from typing import Callable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ChaseItem:
    """What the chase needs to know about one open item, whatever its app."""

    source: str  # the ChaseSource's key, e.g. "suggestion"
    item_id: int
    title: str  # shown in reminders and on the chase board, e.g. "2026-008 关于…的建议"
    url: str  # the office's page of the item
    unit_id: int | None  # the unit that must act (the lead unit)
    assigned_on: datetime.date | None
    acknowledged: bool  # the unit has acknowledged (签收)
    due_date: datetime.date | None  # the reply or rectification is due on this day
    done_on: datetime.date | None = None  # replied / rectified on this day: no more due-date warnings
    awaiting_rating_since: datetime.date | None = None  # replied, the deputy has not rated yet
    rater_ids: tuple = ()  # users asked to rate (the proposing deputy)
    promise_date: datetime.date | None = None  # class B: promised work due on this day, not reported done
    co_units_owing: tuple = ()  # ((unit_id, opinion due date), …) co-units that owe the lead unit an opinion
    leader_ids: tuple = ()  # users leading the item as key item (重点督办的主席团成员)
    unit_url: str = ""  # the unit officer's page of the item
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ChaseSource:
    key: str
    label: str
    # open_items() -> iterable of ChaseItem for every item still being chased, in a fixed number of queries
    open_items: Callable
    # on_reminder(item_id, kind, comment) -> None: write the reminder into the item's own timeline
    on_reminder: Callable = None
    # what the board says of an item whose done_on is set (a suggestion answered, an item rectified)
    done_label: str = _("Answered")
    # The board in SQL (optional): board_columns() -> a list of parts, each (queryset, {column: expression})
    # with one expression for each of BOARD_COLUMNS, the parts together being the open items;
    # board_items(rows) -> the ChaseItems the board shows for rows of those columns (dicts keyed by the
    # BOARD_COLUMNS), in their order, in a fixed number of queries. With both, the board and the
    # dashboards count, sort and page the items in the database; without them, in Python over open_items().
    board_columns: Callable = None
    board_items: Callable = None
    # counts_cache() -> (generation, seconds), or None (optional): the colour counts of the source's items
    # are kept in the cache for a day, a unit and a generation, which the source changes whenever anything
    # its board_columns() read changes; `seconds` bounds their life anyway. None: count every time.
    counts_cache: Callable = None


# What a source's board_columns() gives for each open item, in this order:
#   item_id; unit_id (the unit that must act, or None); unit_name; due (the due date, None without one);
#   done (True when ChaseItem.done_on is set: green whatever the due date); done_on (the day, or None when
#   board_items() reads it itself); title (what the board sorts by within a due date); link_id (the pk
#   the unit's page of the item is reversed with).
BOARD_COLUMNS = ("item_id", "unit_id", "unit_name", "due", "done", "done_on", "title", "link_id")


_sources: dict[str, ChaseSource] = {}

_SENTINEL = 918273645546372819


def url_maker(viewname):
    """A function giving reverse(viewname, args=[pk]) for any pk, reversing only once: a source
    links each of its open items (10⁵ in a county), and reverse() is slow at that count."""
    parts = reverse(viewname, args=[_SENTINEL]).split(str(_SENTINEL))
    if len(parts) != 2:
        return lambda pk: reverse(viewname, args=[pk])
    prefix, suffix = parts
    return lambda pk: f"{prefix}{pk}{suffix}"


def register(source):
    _sources[source.key] = source


def sources():
    return list(_sources.values())


def get(key):
    return _sources[key]


class Colour:
    GREEN = "green"
    YELLOW = "yellow"  # 黄牌: due within the warning period
    RED = "red"  # 红牌: past due


def days_left(item, today):
    """Calendar days until the due date (negative when overdue), or None without a due date."""
    return None if item.due_date is None else (item.due_date - today).days


def colour(item, today, *, due_soon_days=7):
    """Green, yellow (due within `due_soon_days`, the due day included) or red (past due).

    An item already answered (done_on set) is green: the chase then only asks for the rating or
    the promised work, which have reminders of their own.
    """
    left = days_left(item, today)
    if item.done_on is not None or left is None or left > due_soon_days:
        return Colour.GREEN
    return Colour.RED if left < 0 else Colour.YELLOW
