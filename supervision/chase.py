"""Rectification items' part of the daily chase (SPEC §5: "chased by the same machinery and rules
as suggestions").

core.chase_engine decides which reminders are due from ChaseItem facts alone; this module
describes every open rectification item as such facts, in a fixed number of queries whatever
their number, and writes the reminders into each item's timeline. The mapping:

- assigned on → the day the item was given to the unit; acknowledged → the unit has started
  (anything but 待整改), so a unit that leaves an item untouched is reminded to take it up;
- due date → the deadline (extended or not); done on → the day the unit reported it rectified,
  after which only the office's verification is awaited, shown green on the board;
- leaders → the presidium member who led the activity, who receives the red warnings.
"""
from django.db.models import BooleanField, Case, DateField, F, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import bulk
from core.chase import ChaseItem, ChaseSource, url_maker

from . import workflow
from .models import RectificationEvent, RectificationItem

SOURCE_KEY = "rectification"
R = RectificationItem.Status


def chased_items():
    """Every item still open (待整改, 整改中, 已整改 awaiting verification): one query."""
    return (RectificationItem.objects.filter(status__in=workflow.OPEN_STATUSES)
            .select_related("activity__leader").order_by("pk"))


def chase_item(item):
    leader = item.activity.leader
    return ChaseItem(
        source=SOURCE_KEY,
        item_id=item.pk,
        title=f"{_('Rectification')}：{item}"[:200],
        url=reverse("supervision:item_detail", args=[item.pk]),
        unit_id=item.unit_id,
        assigned_on=item.assigned_on,
        acknowledged=item.status != R.PENDING,
        due_date=item.deadline,
        done_on=item.rectified_on if item.status == R.RECTIFIED else None,
        leader_ids=(leader.user_id,) if leader and leader.user_id else (),
        unit_url=reverse("supervision:unit_item", args=[item.pk]),
    )


def open_items():
    """One ChaseItem per open rectification item, in one query whatever their number: the facts of
    chase_item(), read as plain values and linked with URLs reversed once (10⁵ items in a county)."""
    label = str(_("Rectification"))
    office_url, unit_url = url_maker("supervision:item_detail"), url_maker("supervision:unit_item")
    rows = (RectificationItem.objects.filter(status__in=workflow.OPEN_STATUSES).order_by("pk")
            .values_list("pk", "problem", "unit_id", "status", "assigned_on", "deadline", "rectified_on",
                         "activity__leader__user_id"))
    return [
        ChaseItem(
            source=SOURCE_KEY,
            item_id=pk,
            title=f"{label}：{RectificationItem.short_problem(problem)}"[:200],
            url=office_url(pk),
            unit_id=unit_id,
            assigned_on=assigned_on,
            acknowledged=status != R.PENDING,
            due_date=deadline,
            done_on=rectified_on if status == R.RECTIFIED else None,
            leader_ids=(leader_user,) if leader_user else (),
            unit_url=unit_url(pk),
        )
        for pk, problem, unit_id, status, assigned_on, deadline, rectified_on, leader_user in rows
    ]


def board_columns():
    """The open items of open_items() in SQL, for the board's counts and pages (core.chase BOARD_COLUMNS);
    the title column is the problem, named as in reminders by board_items()."""
    return [(RectificationItem.objects.filter(status__in=workflow.OPEN_STATUSES), {
        "item_id": F("pk"),
        "unit_id": F("unit_id"),
        "unit_name": F("unit__name"),
        "due": F("deadline"),
        "done": Case(When(status=R.RECTIFIED, then=Value(True)), default=Value(False), output_field=BooleanField()),
        "done_on": Case(When(status=R.RECTIFIED, then=F("rectified_on")), output_field=DateField()),
        "title": F("problem"),
        "link_id": F("pk"),
    })]


def board_items(rows):
    """The ChaseItems of rows of board_columns() (dicts): what the board shows of them."""
    label = str(_("Rectification"))
    office_url, unit_url = url_maker("supervision:item_detail"), url_maker("supervision:unit_item")
    return [ChaseItem(
        source=SOURCE_KEY, item_id=row["item_id"],
        title=f"{label}：{RectificationItem.short_problem(row['title'])}"[:200], url=office_url(row["item_id"]),
        unit_id=row["unit_id"], assigned_on=None, acknowledged=True, due_date=row["due"], done_on=row["done_on"],
        unit_url=unit_url(row["link_id"]),
    ) for row in rows]


class Timeline:
    """Writes the reminders into the items' timelines; `many` writes a whole run's in one query."""

    def __call__(self, item_id, kind, comment):
        self.many([(item_id, kind, comment)])

    def many(self, entries):
        bulk.insert(RectificationEvent, {
            "item_id": [item_id for item_id, _kind, _comment in entries],
            "comment": [comment for _item_id, _kind, comment in entries],
        }, same={"action": str(workflow.Action.REMIND), "from_status": "", "to_status": "",
                 "created_at": timezone.now()})


SOURCE = ChaseSource(key=SOURCE_KEY, label=_("Rectification items"), open_items=open_items, on_reminder=Timeline(),
                     done_label=_("Rectified, awaiting verification"), board_columns=board_columns,
                     board_items=board_items)
