"""The statistics' tables as plain rows and columns, shared by the page, the public report and the
Excel sheet, so that all three show the same columns in the same order. Formatting only: the
figures come from motions.selectors.statistics.suggestion_statistics."""
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import caching


@dataclass(frozen=True)
class Column:
    key: str  # an attribute of Figures, or "class:<code>"
    label: str
    is_rate: bool = False

    def value(self, figures):
        if self.key.startswith("class:"):
            return figures.count_of_class(self.key.removeprefix("class:"))
        return getattr(figures, self.key)


@dataclass(frozen=True)
class Cell:
    value: object  # int, Decimal percentage or None
    is_rate: bool
    label: str = ""  # the column's, for the phone's cards

    @property
    def text(self):
        if self.value is None:
            return "—"
        return f"{self.value}%" if self.is_rate else str(self.value)


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: list
    is_total: bool = False


@dataclass(frozen=True)
class Table:
    key: str  # "unit" or "category": also the name of the Excel sheet's part
    title: str
    first_heading: str
    columns: list
    rows: list  # [TableRow], the total last


HANDLING = [
    ("assigned", pgettext_lazy("statistics", "Assigned")),
    ("replied", pgettext_lazy("statistics", "Replied")),
    ("replied_on_time", gettext_lazy("On time")),
    ("replied_late", gettext_lazy("Late")),
    ("closed", pgettext_lazy("statistics", "Closed")),
]
RATES = [
    ("reply_rate", gettext_lazy("Reply rate")),
    ("on_time_rate", gettext_lazy("On-time reply rate")),
    ("close_rate", gettext_lazy("Close rate")),
    ("satisfaction_rate", gettext_lazy("Satisfaction rate")),
]
# The counts of a table of every item, not only the assigned ones; the small tables (by source,
# by kind) show only these, without timeliness and classes.
BRIEF = [
    ("received", pgettext_lazy("statistics", "Received")),
    ("accepted", pgettext_lazy("statistics", "Accepted")),
    ("assigned", pgettext_lazy("statistics", "Assigned")),
    ("replied", pgettext_lazy("statistics", "Replied")),
    ("closed", pgettext_lazy("statistics", "Closed")),
]


def _columns(counts, classes):
    columns = [Column(key, str(label)) for key, label in counts]
    columns += [Column(f"class:{entry.code}", _("Class %(code)s") % {"code": entry.code}) for entry in classes]
    columns += [Column(key, str(label), is_rate=True) for key, label in RATES]
    return columns


def _table(key, title, first_heading, columns, rows, overall):
    def line(label, figures, is_total=False):
        cells = [Cell(column.value(figures), column.is_rate, column.label) for column in columns]
        return TableRow(label, cells, is_total)

    body = [line(row.label, row.figures) for row in rows]
    total = [line(_("Total"), overall, is_total=True)] if rows else []
    return Table(key, title, first_heading, columns, body + total)


def rendered(stats, tables, *, page):
    """The tables as `page` shows them (motions/stats_table.html each), kept in the cache with the
    figures they show (motions/caching.py): a table has a row per unit and category, and writing
    its cells out costs the page more than counting them."""
    key = f"tables:{page}:{stats.year}:{stats.session.pk if stats.session else ''}:{translation.get_language()}"
    return mark_safe(caching.cached(key, lambda: "".join(  # noqa: S308 - written by the template, escaped there
        render_to_string("motions/stats_table.html", {"table": table}) for table in tables)))


def unit_table(stats):
    """By lead unit: only assigned items belong to a unit, so the table starts at "assigned" and
    its total row is the year's (every replied or closed item has a lead unit)."""
    return _table("unit", _("By lead unit"), _("Lead unit"), _columns(HANDLING, stats.result_classes),
                  stats.by_unit, stats.overall)


def category_table(stats):
    return _table("category", _("By category"), _("Category"), _columns(BRIEF[:2] + HANDLING, stats.result_classes),
                  stats.by_category, stats.overall)


def source_table(stats):
    """Deputies, voters at a contact platform, letters and visits: each source counted apart."""
    return _table("source", _("By source"), _("Source"), _columns(BRIEF, []), stats.by_source, stats.overall)


def kind_table(stats):
    return _table("kind", _("By kind"), _("Kind"), _columns(BRIEF, []), stats.by_kind, stats.overall)


def statistics_title(township, *, year=None, session=None):
    """青山镇2026年代表建议办理情况 / 青山镇第十一届人民代表大会第五次会议代表建议办理情况."""
    if session is not None:
        meeting = str(session)
        if not meeting.startswith(township.name):
            meeting = f"{township.name} {meeting}"
        return _("%(session)s: handling of deputies' suggestions") % {"session": meeting}
    if year is not None:
        return _("%(township)s %(year)s: handling of deputies' suggestions") % {
            "township": township.name, "year": year}
    return _("%(township)s: handling of deputies' suggestions") % {"township": township.name}


def _percent(value):
    return "—" if value is None else f"{value}%"


def summary_sentence(figures, year):
    """The seeds' sentence ("24条建议全部交办，答复率100%…") for a year, from its figures."""
    return _(
        "In %(year)s, %(received)s items were received and %(accepted)s accepted; %(assigned)s were assigned "
        "to the handling units, %(replied)s have been replied to (reply rate %(reply_rate)s), %(on_time)s of "
        "them on time (on-time reply rate %(on_time_rate)s); %(closed)s are closed (close rate "
        "%(close_rate)s); the deputies rated %(rated)s replies, satisfaction rate %(satisfaction_rate)s."
    ) % {
        "year": year, "received": figures.received, "accepted": figures.accepted, "assigned": figures.assigned,
        "replied": figures.replied, "reply_rate": _percent(figures.reply_rate), "on_time": figures.replied_on_time,
        "on_time_rate": _percent(figures.on_time_rate), "closed": figures.closed,
        "close_rate": _percent(figures.close_rate), "rated": figures.rated,
        "satisfaction_rate": _percent(figures.satisfaction_rate),
    }
