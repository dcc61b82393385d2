"""The figures of suggestion handling (SPEC §4 "Statistics"): the statistics page, its Excel
sheet, the public handling report (组织法 Art. 42) and, later, the year-end summary all read them
from `suggestion_statistics`, so a figure never differs between two pages.

Also the two counts the deputies' performance record (履职档案, 代表法 Art. 58) needs: items a
deputy proposed and items a deputy co-signed, with their lines.
"""
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deputies.duty import DutyLine

from ..models import Assignment, CoSigner, Reply, ResultClass, Suggestion

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
    """`overall` and the four tables: each table is read (one grouped aggregate) the first time a
    page asks for it, so a page that shows only the overall figures does not pay for the tables."""

    def __init__(self, *, year, session, result_classes, overall, items, expressions):
        self.year = year
        self.session = session  # congress.models.Meeting or None
        self.result_classes = result_classes
        self.overall = overall
        self._items = items
        self._expressions = expressions

    @cached_property
    def by_unit(self):
        """[Row], the lead unit's items."""
        live_lead = Q(assignments__role=Assignment.Role.LEAD) & ~Q(assignments__status=Assignment.Status.RETURNED)
        unit_rows = (
            self._items.annotate(lead=FilteredRelation("assignments", condition=live_lead)).filter(lead__isnull=False)
            .values("lead__unit", "lead__unit__name", "lead__unit__sort_order").annotate(**self._expressions)
            .order_by("lead__unit__sort_order", "lead__unit__name")
        )
        return [Row(row["lead__unit"], row["lead__unit__name"], _figures(row, self.result_classes))
                for row in unit_rows]

    @cached_property
    def by_category(self):
        category_rows = (
            self._items.values("category", "category__name", "category__sort_order").annotate(**self._expressions)
            .order_by(F("category__sort_order").asc(nulls_last=True), "category__name")
        )
        return [Row(row["category"], row["category__name"] or str(UNCATEGORISED), _figures(row, self.result_classes))
                for row in category_rows]

    @cached_property
    def by_source(self):
        return _choice_rows(self._items, "source", Suggestion.Source, self._expressions, self.result_classes)

    @cached_property
    def by_kind(self):
        return _choice_rows(self._items, "kind", Suggestion.Kind, self._expressions, self.result_classes)


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
    """Items with what the counts need about their replies, as correlated subqueries (no joins
    that would count an item twice)."""
    replies = Reply.objects.filter(suggestion=OuterRef("pk"))
    first = replies.filter(round=1)
    latest = replies.order_by("-round")
    return items.annotate(
        first_on_time=Exists(first.filter(replied_on__lte=F("due_date"))),
        first_late=Exists(first.filter(replied_on__gt=F("due_date"))),
        latest_class=Subquery(latest.values("result_class_id")[:1]),
        latest_promise_kept=Subquery(latest.values("promise_kept_on")[:1]),
        latest_satisfaction=Subquery(latest.values("rating__satisfaction")[:1]),
    )


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

    Two queries whatever the number of items (the result classes, one aggregate for the whole),
    and one grouped aggregate for each table the caller reads.
    """
    classes = list(ResultClass.objects.order_by("sort_order", "code"))
    expressions = _figure_expressions(classes)
    items = _annotated(statistics_items(year=year, session=session)).order_by()
    overall = _figures(items.aggregate(**expressions), classes)
    return SuggestionStatistics(year=year, session=session, result_classes=classes, overall=overall, items=items,
                                expressions=expressions)


def _choice_rows(items, name, choices, expressions, classes):
    """One row per choice that has items, in the choices' order."""
    found = {row[name]: row for row in items.values(name).annotate(**expressions).order_by(name)}
    return [Row(value, str(label), _figures(found[value], classes))
            for value, label in choices.choices if value in found]


# --- what the pickers offer -----------------------------------------------------------------------

def statistics_years():
    """The years that have received items, newest first, always with this year (one query)."""
    years = set(Suggestion.objects.exclude(status=S.DRAFT).order_by().values_list("year", flat=True).distinct())
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
    """Items submitted start..end inclusive (local dates), drafts never."""
    return Suggestion.objects.exclude(status=S.DRAFT).filter(submitted_at__date__range=(start, end))


def suggestion_counts_by_deputy(start, end):
    """{deputy_id: items the deputy proposed and submitted start..end} (one query). Items of every
    later fate count (returned, merged, not accepted): submitting was the deputy's act."""
    rows = (_submitted_between(start, end).filter(proposer__isnull=False).order_by()
            .values("proposer").annotate(n=Count("pk")))
    return {row["proposer"]: row["n"] for row in rows}


def cosign_counts_by_deputy(start, end):
    """{deputy_id: items the deputy co-signed (confirmed) that were submitted start..end} (one query)."""
    rows = (
        CoSigner.objects.filter(status=CoSigner.Status.CONFIRMED,
                                suggestion__in=_submitted_between(start, end))
        .order_by().values("deputy").annotate(n=Count("pk"))
    )
    return {row["deputy"]: row["n"] for row in rows}


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
