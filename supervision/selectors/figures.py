"""The year's supervision figures (SPEC §5, §6): what the presidium's supervision did in a year,
counted from the records, for the overview page and the year-end work summary
("组织开展x次视察、x次执法检查、x次专题调研、x次学习培训…").

`supervision_figures(year)` runs six queries whatever the number of rows. Every figure is a
plain int (or a dict of ints) named for what it counts; what each counts:

- Activities count when HELD (status held) with their first day (start_date) in the year; one
  planned for the year but not yet held counts only in `activities_planned`; a cancelled one
  counts nowhere.
- Rectification items count by the day they were assigned (assigned_on in the year), whatever
  activity they came from; withdrawn items (已撤销) are left out of every item figure except
  `items_withdrawn`.
- Satisfaction votes count by the day of the vote (held_on in the year), when their activity
  was held.
- Trainings and study visits count when held, by their first day; research reports by the day
  they were written.
"""
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .. import workflow
from ..models import Activity, RectificationItem, ResearchReport, SatisfactionVote, Training
from .common import years_of

HELD = Activity.Status.HELD
R = RectificationItem.Status


@dataclass(frozen=True)
class KindFigure:
    kind: str  # an Activity.Kind value
    label: str
    count: int


@dataclass(frozen=True)
class SupervisionFigures:
    year: int
    today: datetime.date  # the day `items_overdue` was measured on

    # Supervision activities held in the year.
    held_by_kind: dict  # {Activity.Kind value: activities of that kind held}, every kind, zeros included
    activities_held: int  # all kinds together
    activities_planned: int  # planned for a day of the year and still only planned (not held, not cancelled)
    person_times: int  # deputies taking part, summed over the held activities (leader and participants;
    #                    a leader also listed among the participants counts once) — 参加代表x人次
    units_concerned: int  # distinct government units concerned by the held activities

    # Satisfaction votes (满意度测评) held in the year.
    votes_held: int
    votes_satisfied: int  # votes whose result is "satisfied" (满意和基本满意票超过半数)
    votes_unsatisfied: int

    # Rectification items (整改事项) assigned in the year, withdrawn ones left out.
    items_total: int
    items_verified: int  # 已验收
    items_rectified: int  # 已整改, awaiting the office's verification
    items_in_progress: int  # 整改中
    items_pending: int  # 待整改
    items_overdue: int  # pending or in progress with a deadline before `today` (not yet reported rectified)
    items_withdrawn: int  # 已撤销, for the record only

    # Trainings (学习培训) and study visits (考察学习) held in the year, and research reports (调研报告).
    trainings_held: int
    study_visits_held: int
    training_person_times: int  # attendees summed over the held trainings and study visits
    research_reports: int  # research reports written in the year

    def held(self, kind):
        """Activities of `kind` (an Activity.Kind) held in the year."""
        return self.held_by_kind[kind]

    @property
    def kinds(self):
        """Every kind of activity with its label and count, in the order of Activity.Kind."""
        return [KindFigure(kind=kind.value, label=str(kind.label), count=self.held_by_kind[kind.value])
                for kind in Activity.Kind]

    @property
    def items_in_handling(self):
        """Items the units are still working on: pending and in progress."""
        return self.items_pending + self.items_in_progress

    @property
    def items_verified_percent(self):
        """Items verified as a percentage of the year's items, one decimal; None without items."""
        if not self.items_total:
            return None
        return (Decimal(100 * self.items_verified) / self.items_total).quantize(Decimal("0.1"), ROUND_HALF_UP)


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _activity_figures(year):
    """Counts per kind of the held activities, the planned ones, the participants of the held ones
    and their leaders not also listed among the participants (one query)."""
    Participation = Activity.participants.through
    leader_takes_part = Participation.objects.filter(activity=OuterRef("pk"), deputy=OuterRef("leader"))
    # Counted per activity through the (activity, deputy) index: a join read every participation.
    participants = (Participation.objects.filter(activity=OuterRef("pk")).order_by().values("activity")
                    .annotate(n=Count("pk")).values("n"))
    counts = {f"kind_{kind}": Count("pk", filter=Q(status=HELD, kind=kind)) for kind in Activity.Kind.values}
    return Activity.objects.filter(start_date__range=year_bounds(year)).aggregate(
        **counts,
        planned=Count("pk", filter=Q(status=Activity.Status.PLANNED)),
        participations=Coalesce(Sum(Subquery(participants, output_field=IntegerField()), filter=Q(status=HELD)), 0),
        leaders_apart=Count("pk", filter=Q(status=HELD, leader__isnull=False) & ~Exists(leader_takes_part)),
    )


def supervision_figures(year, *, today=None):
    """The figures of `year` (see the module's docstring), in six queries."""
    today = today or timezone.localdate()
    bounds = year_bounds(year)
    activities = _activity_figures(year)
    held_in_year = {"activity__status": HELD, "activity__start_date__range": bounds}
    units = (Activity.units.through.objects.filter(**held_in_year).order_by()
             .values("handlingunit").distinct().count())
    # The activity's status read per vote through its key: a join hashed every held activity.
    activity_status = Subquery(Activity.objects.filter(pk=OuterRef("activity")).values("status"))
    votes = SatisfactionVote.objects.filter(held_on__range=bounds).alias(activity_status=activity_status).filter(
        activity_status=HELD).aggregate(
        held=Count("pk"),
        satisfied=Count("pk", filter=Q(result=SatisfactionVote.Result.SATISFIED)),
        unsatisfied=Count("pk", filter=Q(result=SatisfactionVote.Result.UNSATISFIED)),
    )
    open_late = Q(status__in=workflow.IN_HANDLING, deadline__lt=today)
    items = RectificationItem.objects.filter(assigned_on__range=bounds).aggregate(
        total=Count("pk", filter=~Q(status=R.WITHDRAWN)),
        verified=Count("pk", filter=Q(status=R.VERIFIED)),
        rectified=Count("pk", filter=Q(status=R.RECTIFIED)),
        in_progress=Count("pk", filter=Q(status=R.IN_PROGRESS)),
        pending=Count("pk", filter=Q(status=R.PENDING)),
        overdue=Count("pk", filter=open_late),
        withdrawn=Count("pk", filter=Q(status=R.WITHDRAWN)),
    )
    trainings = Training.objects.filter(status=Training.Status.HELD, start_date__range=bounds).aggregate(
        trainings=Count("pk", filter=Q(kind=Training.Kind.TRAINING), distinct=True),
        visits=Count("pk", filter=Q(kind=Training.Kind.STUDY_VISIT), distinct=True),
        attendances=Count("attendees"),
    )
    held_by_kind = {kind: activities[f"kind_{kind}"] for kind in Activity.Kind.values}
    return SupervisionFigures(
        year=year, today=today,
        held_by_kind=held_by_kind, activities_held=sum(held_by_kind.values()),
        activities_planned=activities["planned"],
        person_times=activities["participations"] + activities["leaders_apart"], units_concerned=units,
        votes_held=votes["held"], votes_satisfied=votes["satisfied"], votes_unsatisfied=votes["unsatisfied"],
        items_total=items["total"], items_verified=items["verified"], items_rectified=items["rectified"],
        items_in_progress=items["in_progress"], items_pending=items["pending"], items_overdue=items["overdue"],
        items_withdrawn=items["withdrawn"],
        trainings_held=trainings["trainings"], study_visits_held=trainings["visits"],
        training_person_times=trainings["attendances"],
        research_reports=ResearchReport.objects.filter(written_on__range=bounds).count(),
    )


# --- the overview page's lists -------------------------------------------------------------------

def planned_activities(year, *, limit=None):
    """Activities planned for `year` and not yet held (nor cancelled), soonest first, the first
    `limit` of them when given (one query)."""
    activities = (Activity.objects.filter(status=Activity.Status.PLANNED, start_date__range=year_bounds(year))
                  .select_related("leader").order_by("start_date", "pk"))
    return list(activities[:limit])


def overdue_items(year, *, today=None, limit=None):
    """The year's items still with their unit after their deadline, most overdue first, each with
    `days_overdue`, the first `limit` of them when given (one query)."""
    today = today or timezone.localdate()
    items = list(RectificationItem.objects.filter(assigned_on__range=year_bounds(year),
                                                  status__in=workflow.IN_HANDLING, deadline__lt=today)
                 .select_related("unit", "activity").order_by("deadline", "pk")[:limit])
    for item in items:
        item.days_overdue = (today - item.deadline).days
    return items


def figure_years():
    """Years with supervision records, newest first, with this year (two queries through the
    dates' indexes, however many the rows)."""
    years = set(years_of((Activity, "start_date"), (Training, "start_date"), (RectificationItem, "assigned_on")))
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)
