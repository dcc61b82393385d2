"""The figures of suggestion handling (SPEC §4 "Statistics"): the statistics page, its Excel
sheet, the public handling report (组织法 Art. 42) and, later, the year-end summary all read them
from `suggestion_statistics`, so a figure never differs between two pages.

Also the two counts the deputies' performance record (履职档案, 代表法 Art. 58) needs: items a
deputy proposed and items a deputy co-signed, with their lines.
"""
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deputies.duty import DutyLine, line_values

from .. import caching
from ..models import Assignment, CoSigner, ResultClass, Suggestion

S = Suggestion.Status
# An item has been assigned (交办) once it reached one of these; closing needs a reply, a reply
# needs an assignment, so a closed item was assigned too.
ASSIGNED_OR_LATER = (S.ASSIGNED, S.REPLIED, S.REHANDLING, S.CLOSED)
ONE_DECIMAL = Decimal("0.1")
UNCATEGORISED = gettext_lazy("No category")


def rate(numerator, denominator):
    """numerator / denominator as a percentage with one decimal (half up), or None for 0 / 0."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ClassCount:
    code: str
    name: str
    count: int


@dataclass
class Figures:
    """The figures of one set of items (a year, a session, one unit's or one category's items).

    received        items submitted to the presidium: every item but drafts (an item returned for
                    revision was received and stays counted).
    awaiting_review submitted and not yet reviewed by the office.
    returned        returned to the proposer for revision, not resubmitted yet.
    not_accepted    not accepted, kept for reference (转为参考).
    merged          merged into another item (并案); counted here, not as accepted.
    accepted        given a number (立案), whatever happened next, except items later merged.
    assigned        assigned (交办) to a lead unit: now assigned, replied, re-handled or closed.
    replied         has a first-round reply (答复).
    replied_on_time first-round reply dated on or before that reply's due date.
    replied_late    first-round reply dated after its due date.
    closed          closed (办结).
    by_class        replied items by the result class (A/B/C…) of their latest reply.
    promises_open   latest reply of a class with a promised date (B) whose work is not reported done,
                    unless the deputy sent that reply back: the follow-up list.
    rated           items whose latest reply has the deputy's rating; satisfied, basically_satisfied
                    and unsatisfied split it.

    Rates, in per cent with one decimal, None when the denominator is 0:
    答复率 reply_rate = replied / assigned; 按时答复率 on_time_rate = replied_on_time / assigned;
    办结率 close_rate = closed / assigned; 满意率 satisfaction_rate = (satisfied + basically_satisfied) / rated.
    """

    received: int = 0
    awaiting_review: int = 0
    returned: int = 0
    not_accepted: int = 0
    merged: int = 0
    accepted: int = 0
    assigned: int = 0
    replied: int = 0
    replied_on_time: int = 0
    replied_late: int = 0
    closed: int = 0
    promises_open: int = 0
    rated: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    unsatisfied: int = 0
    by_class: list = field(default_factory=list)  # [ClassCount], in the classes' order

    @property
    def in_handling(self):
        """Assigned and not answered yet (first round)."""
        return self.assigned - self.replied

    @property
    def reply_rate(self):
        return rate(self.replied, self.assigned)

    @property
    def on_time_rate(self):
        return rate(self.replied_on_time, self.assigned)

    @property
    def close_rate(self):
        return rate(self.closed, self.assigned)

    @property
    def satisfaction_rate(self):
        return rate(self.satisfied + self.basically_satisfied, self.rated)

    def count_of_class(self, code):
        return next((entry.count for entry in self.by_class if entry.code == code), 0)


@dataclass(frozen=True)
class Row:
    """One line of a table: a unit, a category, a source or a kind, with its figures."""

    key: object
    label: str
    figures: Figures


class SuggestionStatistics:
    """`overall` and the four tables, all summed from one grouped aggregate (suggestion_statistics):
    one row per lead unit, category, source and kind that has items, a few hundred rows at most,
    so reading a table costs no query."""

    def __init__(self, *, year, session, result_classes, rows):
        self.year = year
        self.session = session  # congress.models.Meeting or None
        self.result_classes = result_classes
        self._rows = rows  # [dict] of _grouped_rows

    def _sum(self, rows):
        total = dict.fromkeys(self._rows[0] if self._rows else (), 0)
        for row in rows:
            for name, value in row.items():
                if name not in _GROUP_FIELDS:
                    total[name] += value or 0
        return total

    def _grouped(self, key, rows=None):
        """{key(row): summed values} in the order first met."""
        groups = {}
        for row in self._rows if rows is None else rows:
            groups.setdefault(key(row), []).append(row)
        return {group: self._sum(members) for group, members in groups.items()}

    @cached_property
    def overall(self):
        return _figures(self._sum(self._rows), self.result_classes) if self._rows else _zero(self.result_classes)

    @cached_property
    def by_unit(self):
        """[Row], the lead unit's items, in the units' order."""
        with_unit = [row for row in self._rows if row["lead__unit"] is not None]
        groups = self._grouped(lambda row: (row["lead__unit__sort_order"], row["lead__unit__name"], row["lead__unit"]),
                               with_unit)
        return [Row(unit, name, _figures(values, self.result_classes))
                for (_order, name, unit), values in sorted(groups.items(), key=lambda pair: pair[0])]

    @cached_property
    def by_category(self):
        """[Row], in the categories' order, items without a category last."""
        groups = self._grouped(lambda row: (row["category__sort_order"], row["category__name"], row["category"]))
        ordered = sorted(groups.items(), key=lambda pair: (pair[0][0] is None, pair[0][0] or 0, pair[0][1] or ""))
        return [Row(category, name or str(UNCATEGORISED), _figures(values, self.result_classes))
                for (_order, name, category), values in ordered]

    @cached_property
    def by_source(self):
        return self._choice_rows("source", Suggestion.Source)

    @cached_property
    def by_kind(self):
        return self._choice_rows("kind", Suggestion.Kind)

    def _choice_rows(self, name, choices):
        """One row per choice that has items, in the choices' order."""
        found = self._grouped(lambda row: row[name])
        return [Row(value, str(label), _figures(found[value], self.result_classes))
                for value, label in choices.choices if value in found]


# What the grouped aggregate groups by: the lead unit, the category, the source and the kind.
_GROUP_FIELDS = ("lead__unit", "lead__unit__name", "lead__unit__sort_order",
                 "category", "category__name", "category__sort_order", "source", "kind")


def _figure_expressions(classes):
    """Conditional counts over the annotated items of `_annotated`; one aggregate computes them all."""
    replied = Q(first_on_time=True) | Q(first_late=True)
    promise_classes = [entry.pk for entry in classes if entry.needs_promise_date]
    expressions = {
        "received": Count("pk"),
        "awaiting_review": Count("pk", filter=Q(status=S.SUBMITTED)),
        "returned": Count("pk", filter=Q(status=S.RETURNED)),
        "not_accepted": Count("pk", filter=Q(status=S.NOT_ACCEPTED)),
        "merged": Count("pk", filter=Q(status=S.MERGED)),
        "accepted": Count("pk", filter=Q(number__isnull=False) & ~Q(status=S.MERGED)),
        "assigned": Count("pk", filter=Q(status__in=ASSIGNED_OR_LATER)),
        "replied": Count("pk", filter=replied),
        "replied_on_time": Count("pk", filter=Q(first_on_time=True)),
        "replied_late": Count("pk", filter=Q(first_late=True)),
        "closed": Count("pk", filter=Q(status=S.CLOSED)),
        "promises_open": Count("pk", filter=Q(latest_class__in=promise_classes, latest_promise_kept__isnull=True)
                               & ~Q(status=S.REHANDLING)),
        "rated": Count("pk", filter=Q(latest_satisfaction__isnull=False)),
    }
    for value in ("satisfied", "basically_satisfied", "unsatisfied"):
        expressions[value] = Count("pk", filter=Q(latest_satisfaction=value))
    for entry in classes:
        expressions[f"class_{entry.pk}"] = Count("pk", filter=Q(latest_class=entry.pk))
    return expressions


def _figures(values, classes):
    by_class = [ClassCount(entry.code, entry.name, values[f"class_{entry.pk}"]) for entry in classes]
    names = [name for name in Figures.__dataclass_fields__ if name != "by_class"]
    return Figures(**{name: values[name] or 0 for name in names}, by_class=by_class)


def _annotated(items):
    """Items with what the counts need about their replies and their lead unit, as outer joins
    that each meet one row at most: the reply of round 1, the reply of round 2 (the workflow
    re-handles an item once, so round 2 is the latest reply whenever there is one) with their
    ratings, and the live lead assignment (one at most, a constraint)."""
    live_lead = Q(assignments__role=Assignment.Role.LEAD) & ~Q(assignments__status=Assignment.Status.RETURNED)
    items = items.annotate(
        first=FilteredRelation("replies", condition=Q(replies__round=1)),
        second=FilteredRelation("replies", condition=Q(replies__round=2)),
        lead=FilteredRelation("assignments", condition=live_lead),
    )
    has_second = Q(second__isnull=False)

    def latest(name, field):
        return Case(When(has_second, then=F(f"second__{name}")), default=F(f"first__{name}"), output_field=field)

    return items.annotate(
        first_on_time=Case(When(first__replied_on__lte=F("first__due_date"), then=Value(True)),
                           default=Value(False), output_field=BooleanField()),
        first_late=Case(When(first__replied_on__gt=F("first__due_date"), then=Value(True)),
                        default=Value(False), output_field=BooleanField()),
        latest_class=latest("result_class_id", IntegerField()),
        latest_promise_kept=latest("promise_kept_on", DateField()),
        latest_satisfaction=latest("rating__satisfaction", CharField()),
    )


def _zero(classes):
    return Figures(by_class=[ClassCount(entry.code, entry.name, 0) for entry in classes])


def statistics_items(*, year=None, session=None):
    """The items the statistics count: every item but drafts, of `year` and/or `session`."""
    items = Suggestion.objects.exclude(status=S.DRAFT)
    if year is not None:
        items = items.filter(year=year)
    if session is not None:
        items = items.filter(session=session)
    return items


def suggestion_statistics(*, year=None, session=None):
    """Every figure of suggestion handling for `year` (Suggestion.year) or `session` (items raised
    at that session of the congress), or both; with neither, for all items ever received.

    Returns SuggestionStatistics: `overall` and one row per lead unit (主办单位; items not yet
    assigned belong to no unit), per category, per source (deputies, voters at a contact
    platform, letters and visits) and per kind (suggestion, motion), each a Figures — see its
    docstring for the definition of every figure and rate. The seeds' sentences read from it:
    "24条建议全部交办，答复率100%" is overall.assigned and overall.reply_rate; "满意率95%以上" is
    overall.satisfaction_rate.

    Two queries whatever the number of items: the result classes, and one aggregate grouped by
    lead unit, category, source and kind from which the overall figures and every table are summed.
    Kept in the cache, summed, until an item or anything counted about it changes (motions/caching.py).
    """
    def compute():
        classes = list(ResultClass.objects.order_by("sort_order", "code"))
        items = _annotated(statistics_items(year=year, session=session)).order_by()
        rows = list(items.values(*_GROUP_FIELDS).annotate(**_figure_expressions(classes)).order_by())
        stats = SuggestionStatistics(year=year, session=session, result_classes=classes, rows=rows)
        for name in ("overall", "by_unit", "by_category", "by_source", "by_kind"):
            getattr(stats, name)  # summed now, so that the cache keeps the sums
        stats._rows = []
        return stats

    # The tables' labels of sources, kinds and "No category" are in the reader's language.
    return caching.cached(f"statistics:{year}:{session.pk if session else ''}:{translation.get_language()}", compute)


# --- what the pickers offer -----------------------------------------------------------------------

def received_years():
    """The years that have items other than drafts, in no order (one query, kept in the cache)."""
    return caching.cached("years", lambda: list(
        Suggestion.objects.exclude(status=S.DRAFT).order_by().values_list("year", flat=True).distinct()))


def statistics_years():
    """The years that have received items, newest first, always with this year (one query)."""
    years = set(received_years())
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def statistics_sessions(year):
    """The sessions of the congress held in `year`, or whose items are of `year` (one query)."""
    from congress.models import Meeting

    has_items = Exists(Suggestion.objects.filter(session=OuterRef("pk"), year=year).exclude(status=S.DRAFT))
    return list(
        Meeting.objects.filter(kind=Meeting.Kind.SESSION).filter(Q(start_date__year=year) | has_items)
        .select_related("term").order_by("start_date", "pk")
    )


# --- the deputies' performance record -------------------------------------------------------------

def _submitted_between(start, end):
    """Items submitted start..end inclusive (local dates), drafts never. Compared with the local
    midnights that bound the days, not day by day: the index on submitted_at then serves."""
    return Suggestion.objects.exclude(status=S.DRAFT).filter(
        submitted_at__gte=_midnight(start), submitted_at__lt=_midnight(end + datetime.timedelta(days=1)))


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def suggestion_counts_by_deputy(start, end):
    """{deputy_id: items the deputy proposed and submitted start..end} (one query). Items of every
    later fate count (returned, merged, not accepted): submitting was the deputy's act."""
    return {row["proposer"]: row["n"] for row in suggestion_count_query(start, end)}


def suggestion_count_query(start, end, deputies=None):
    """Rows (proposer, n) of suggestion_counts_by_deputy, not evaluated; `deputies` narrows them."""
    items = _submitted_between(start, end).filter(proposer__isnull=False)
    if deputies is not None:
        items = items.filter(proposer__in=deputies)
    return items.order_by().values("proposer").annotate(n=Count("pk"))


def cosign_counts_by_deputy(start, end):
    """{deputy_id: items the deputy co-signed (confirmed) that were submitted start..end} (one query)."""
    return {row["deputy"]: row["n"] for row in cosign_count_query(start, end)}


def cosign_count_query(start, end, deputies=None):
    """Rows (deputy, n) of cosign_counts_by_deputy, not evaluated; `deputies` narrows them."""
    rows = CoSigner.objects.filter(status=CoSigner.Status.CONFIRMED, suggestion__in=_submitted_between(start, end))
    if deputies is not None:
        rows = rows.filter(deputy__in=deputies)
    return rows.order_by().values("deputy").annotate(n=Count("pk"))


def _local_day(moment):
    return timezone.localtime(moment).date() if moment else None


def _item_text(suggestion):
    kind = _("Motion") if suggestion.kind == Suggestion.Kind.MOTION else _("Suggestion")
    if suggestion.reference:
        return _("%(kind)s %(reference)s: %(title)s") % {
            "kind": kind, "reference": suggestion.reference, "title": suggestion.title}
    return _("%(kind)s: %(title)s") % {"kind": kind, "title": suggestion.title}


def _item_url(suggestion):
    """One link for every reader of a duty record: it opens the office's or the deputy's page."""
    return reverse("motions:stats_item_link", args=[suggestion.pk])


def suggestion_lines(deputy, start, end):
    """The items `deputy` proposed and submitted start..end, as duty-record lines (one query)."""
    items = _submitted_between(start, end).filter(proposer=deputy).order_by("submitted_at", "pk")
    return [
        DutyLine(date=_local_day(item.submitted_at),
                 text=_("Proposed: %(item)s") % {"item": _item_text(item)}, url=_item_url(item))
        for item in items
    ]


def _item_line_query(items):
    return line_values(items, date=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()), ref="pk",
                       text1="kind", text2="title", number1="year", number2="number")


def _item_from_row(row):
    return Suggestion(pk=row["line_ref"], kind=row["line_text1"], title=row["line_text2"], year=row["line_number1"],
                      number=row["line_number2"])


def suggestion_line_query(deputy, start, end):
    return _item_line_query(_submitted_between(start, end).filter(proposer=deputy))


def suggestion_line_row(row):
    item = _item_from_row(row)
    return DutyLine(date=row["line_date"], text=_("Proposed: %(item)s") % {"item": _item_text(item)},
                    url=_item_url(item))


def cosign_line_query(deputy, start, end):
    return _item_line_query(_submitted_between(start, end)
                            .filter(cosigners__deputy=deputy, cosigners__status=CoSigner.Status.CONFIRMED))


def cosign_line_row(row):
    item = _item_from_row(row)
    return DutyLine(date=row["line_date"], text=_("Co-signed: %(item)s") % {"item": _item_text(item)},
                    url=_item_url(item))


def cosign_lines(deputy, start, end):
    """The items `deputy` co-signed (confirmed) that were submitted start..end, as lines (one query)."""
    items = (_submitted_between(start, end)
             .filter(cosigners__deputy=deputy, cosigners__status=CoSigner.Status.CONFIRMED)
             .order_by("submitted_at", "pk"))
    return [
        DutyLine(date=_local_day(item.submitted_at),
                 text=_("Co-signed: %(item)s") % {"item": _item_text(item)}, url=_item_url(item))
        for item in items
    ]
