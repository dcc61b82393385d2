"""Reads of rectification items (整改事项) shaped for their pages: the office's list with its
filters and counts, one item with its reports and timeline, and the unit's own list.

The colour of an open item is the chase's (core.chase.colour of supervision.chase.chase_item), so
the list, the item's page and the chase board always agree; the list's colour filter says the
same thing in SQL (an item in handling past its deadline is red, due within the yellow period
yellow; an item reported rectified awaits only the office and is green).
"""
import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, Value, When

from core import chase
from core.paging import page_of
from core.selectors_chase import COLOUR_LABELS, due_soon_days

from .. import workflow
from ..chase import chase_item
from ..models import RectificationItem
from .common import years_of

R = RectificationItem.Status
Action = workflow.Action
OPEN = "open"
DONE_STATUSES = (R.VERIFIED, R.WITHDRAWN)


# --- colours and days left ----------------------------------------------------------------------

@dataclass(frozen=True)
class Due:
    """How an item stands against its deadline today; no colour once it is closed."""

    colour: str  # "red", "yellow", "green", or "" for a verified or withdrawn item
    days_left: int | None  # negative when overdue

    @property
    def colour_label(self):
        return COLOUR_LABELS[self.colour] if self.colour else ""

    @property
    def overdue_days(self):
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def due_of(item, today):
    """The item's colour and days left, as the chase board shows them (needs item.activity.leader)."""
    if item.status not in workflow.OPEN_STATUSES:
        return Due(colour="", days_left=None)
    facts = chase_item(item)
    return Due(colour=chase.colour(facts, today, due_soon_days=due_soon_days()),
               days_left=chase.days_left(facts, today))


@dataclass(frozen=True)
class Row:
    item: RectificationItem
    due: Due


def rows(items, today):
    """A page of items with their colours (the items come with activity__leader selected)."""
    return [Row(item=item, due=due_of(item, today)) for item in items]


def _colour_q(colour, today):
    """The items of one colour, in SQL, as core.chase.colour decides it for open items."""
    in_handling = Q(status__in=workflow.IN_HANDLING)
    if colour == chase.Colour.RED:
        return in_handling & Q(deadline__lt=today)
    if colour == chase.Colour.YELLOW:
        return in_handling & Q(deadline__gte=today, deadline__lte=today + datetime.timedelta(days=due_soon_days()))
    return Q()


def _base(*, unit=None, year=None):
    items = RectificationItem.objects.all()
    if unit is not None:
        items = items.filter(unit=unit)
    if year:
        items = items.filter(assigned_on__year=year)
    return items


def _open_first():
    """Items still in the unit's hands first, then those awaiting verification, then closed ones.
    The same expression as the index rectification_open_first (statuses sorted, so that
    the SQL, and the index PostgreSQL matches it with, is the same in every process)."""
    return Case(When(status__in=sorted(workflow.IN_HANDLING), then=Value(0)), When(status=R.RECTIFIED, then=Value(1)),
                default=Value(2), output_field=IntegerField())


OPEN_FIRST = (_open_first().asc(), "deadline", "pk")


# --- the office's list --------------------------------------------------------------------------

def office_items(*, today, status="", unit=None, year=None, colour=""):
    """Every item, filtered by status ("open" for all not yet closed), unit, year of assignment and
    colour; open ones first, then by deadline. The plain rows: office_page reads a page of them."""
    items = _base(unit=unit, year=year)
    if status == OPEN:
        items = items.filter(status__in=sorted(workflow.OPEN_STATUSES))
    elif status:
        # One status: its items are all of one stage, and the (status, deadline) index sorts them.
        return items.filter(status=status).filter(_colour_q(colour, today)).order_by("deadline", "pk")
    return items.filter(_colour_q(colour, today)).order_by(*OPEN_FIRST)


def office_count(counts, *, status="", colour=""):
    """How many items office_items gives, read from office_counts when they tell it (same unit and
    year filters), else None."""
    if not colour:
        return counts.get(status or "all")
    if status in ("", OPEN):  # a coloured item is in handling, hence open
        return counts[colour]
    return None


def office_page(items, number, per_page, *, count=None):
    """Page `number` of office_items: one query for the page's rows with their unit, activity,
    leader (for the colour) and number of progress reports."""
    return page_of(items, number, per_page, lambda rows: rows.select_related("activity__leader", "unit")
                   .annotate(report_count=Count("reports")), count=count)


def office_counts(*, today, unit=None, year=None):
    """Items per status, open, red and yellow, under the unit and year filters: one query."""
    counts = {status: Count("pk", filter=Q(status=status)) for status in R.values}
    return _base(unit=unit, year=year).aggregate(
        all=Count("pk"), open=Count("pk", filter=Q(status__in=workflow.OPEN_STATUSES)),
        red=Count("pk", filter=_colour_q(chase.Colour.RED, today)),
        yellow=Count("pk", filter=_colour_q(chase.Colour.YELLOW, today)),
        **counts,
    )


def item_years():
    """The years items were assigned in, newest first."""
    return years_of((RectificationItem, "assigned_on"))


def activity_items(activity):
    """The items already recorded for an activity, in the order they were entered."""
    return activity.rectification_items.select_related("unit").order_by("pk")


# --- one item -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    action: str
    label: str
    at: datetime.datetime
    actor: object
    comment: str


@dataclass(frozen=True)
class ItemPage:
    item: RectificationItem
    due: Due
    reports: list
    steps: list
    sent_back: Step | None  # the office's last "send back", while the unit is working on it again


def item_page(item, today):
    """The item with its reports (and their files) and its timeline: three queries."""
    reports = list(item.reports.select_related("author").prefetch_related("files").order_by("created_at", "pk"))
    for report in reports:
        files = list(report.files.all())
        report.photos = [f for f in files if f.is_photo]
        report.documents = [f for f in files if not f.is_photo]
    events = item.events.select_related("actor").order_by("created_at", "pk")
    steps = [Step(action=event.action, label=workflow.label(event.action), at=event.created_at, actor=event.actor,
                  comment=event.comment) for event in events]
    sent_back = None
    if item.status == R.IN_PROGRESS:
        moves = [step for step in steps if step.action in (Action.REJECT, Action.CLAIM_DONE)]
        if moves and moves[-1].action == Action.REJECT:
            sent_back = moves[-1]
    return ItemPage(item=item, due=due_of(item, today), reports=reports, steps=steps, sent_back=sent_back)


def with_leader(item):
    """The item as the pages need it (the activity's leader read for its colour)."""
    return RectificationItem.objects.select_related("activity__leader", "unit", "verified_by").get(pk=item.pk)


# --- the unit's list ----------------------------------------------------------------------------

class Show:
    OPEN = "open"
    DONE = "done"
    CHOICES = (OPEN, DONE)


def unit_items(unit, *, show=Show.OPEN):
    """The unit's items: open ones (those in its hands first, by deadline, then those awaiting
    verification) or closed ones (the latest first)."""
    items = RectificationItem.objects.filter(unit=unit).select_related("activity__leader")
    if show == Show.DONE:
        return items.filter(status__in=DONE_STATUSES).order_by("-verified_on", "-deadline", "-pk")
    return items.filter(status__in=workflow.OPEN_STATUSES).annotate(stage=_open_first()).order_by(
        "stage", "deadline", "pk")


def unit_counts(unit):
    return RectificationItem.objects.filter(unit=unit).aggregate(
        open=Count("pk", filter=Q(status__in=workflow.OPEN_STATUSES)),
        done=Count("pk", filter=Q(status__in=DONE_STATUSES)),
        to_start=Count("pk", filter=Q(status=R.PENDING)),
    )
