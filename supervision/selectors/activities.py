"""Reads of supervision activities, each shaped for one page: the office's list of a year with its
figures, one activity with everything recorded at it, the choices its forms offer, and a deputy's
own activities on a phone. The list takes the same queries for one activity or a hundred."""
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from congress.models import PresidiumMembership
from congress.selectors import presidium_serving
from core.models import HandlingUnit
from core.paging import page_of
from deputies.models import Deputy, Term
from deputies.selectors import deputies_in_office

from .. import rules, workflow
from ..models import Activity, RectificationItem, Training
from .common import years_of

A = Activity.Status


def today():
    return timezone.localdate()


# --- choices of the forms -----------------------------------------------------------------------

UNIT_GROUP = Case(
    When(kind=HandlingUnit.Kind.GOVERNMENT_OFFICE, then=Value(0)),
    When(kind=HandlingUnit.Kind.VILLAGE_COMMITTEE, then=Value(1)),
    default=Value(2), output_field=IntegerField(),
)


def ordered_units(queryset=None):
    """Government offices first (the usual object of supervision), then villages, then the rest."""
    queryset = HandlingUnit.objects.all() if queryset is None else queryset
    return queryset.annotate(unit_group=UNIT_GROUP).order_by("unit_group", "sort_order", "name")


def unit_choices(include=()):
    """Active units, and any inactive one already named on the record being edited."""
    return ordered_units(HandlingUnit.objects.filter(Q(active=True) | Q(pk__in=list(include))))


def leader_choices(day, include=None):
    """The presidium members of the term in force on `day` (the service checks that the one
    chosen serves on the activity's first day), and the leader already recorded."""
    term = Term.on(day)
    members = PresidiumMembership.objects.filter(term=term).values("deputy") if term else []
    return Deputy.objects.filter(Q(pk__in=members) | Q(pk=include)).order_by("name")


def leader_serves(leader, day):
    term = Term.on(day)
    return term is not None and presidium_serving(day, term=term).filter(deputy=leader).exists()


def participant_choices(day, include=()):
    """Township deputies in office on `day`, and those already recorded as taking part; those
    recorded come first, so that a long list on a phone shows them without scrolling."""
    include = [int(pk) for pk in include]
    in_office = deputies_in_office(day) | Deputy.objects.filter(pk__in=include)
    chosen_first = Case(When(pk__in=include, then=Value(0)), default=Value(1), output_field=IntegerField())
    return in_office.select_related("district").annotate(chosen_first=chosen_first).order_by("chosen_first", "name")


def deputies_not_in_office(deputies, day):
    """Those of `deputies` who hold no township mandate on `day`."""
    wanted = {deputy.pk: deputy for deputy in deputies}
    serving = set(deputies_in_office(day).filter(pk__in=wanted).values_list("pk", flat=True))
    return [deputy for pk, deputy in wanted.items() if pk not in serving]


def follows_choices(*, exclude=None, include=None):
    """Held activities a follow-up inspection (回头看) can check on, the latest first."""
    return (Activity.objects.filter(Q(status=A.HELD) | Q(pk=include)).exclude(pk=exclude)
            .order_by("-start_date", "-pk"))


# --- the office's list --------------------------------------------------------------------------

def activity_years():
    """Years that have activities, and the current one, the latest first."""
    years = set(years_of((Activity, "start_date")))
    years.add(today().year)
    return sorted(years, reverse=True)


def activities_for_list(*, year, kind="", status="", search=""):
    """A year's activities, the latest first: the plain rows, activities_page reads a page of them."""
    activities = Activity.objects.filter(start_date__year=year)
    if kind:
        activities = activities.filter(kind=kind)
    if status:
        activities = activities.filter(status=status)
    if search:
        activities = activities.filter(topic__icontains=search)
    return activities.order_by("-start_date", "-pk")


def activities_page(activities, number, per_page):
    """Page `number` of activities_for_list, each with its leader, its units (government offices
    first) and the number of its rectification items still open and in all (three queries
    whatever the number of rows, and the count)."""
    return page_of(activities, number, per_page, lambda rows: (
        rows.select_related("leader").prefetch_related(Prefetch("units", queryset=ordered_units()))
        .annotate(items_total=Count("rectification_items"),
                  items_open=Count("rectification_items",
                                   filter=Q(rectification_items__status__in=workflow.OPEN_STATUSES)))))


@dataclass
class YearFigures:
    held: int
    planned: int
    items_total: int
    items_open: int
    by_kind: list  # [(label, count)] of activities held, in the order of Activity.Kind


def year_figures(year):
    """What the year's list shows on top: activities held and planned, held by kind, and their
    rectification items (one query)."""
    def items_of_activity(**filters):
        # Counted per activity through the items' activity index: a join read every item.
        items = (RectificationItem.objects.filter(activity=OuterRef("pk"), **filters).order_by().values("activity")
                 .annotate(n=Count("pk")).values("n"))
        return Coalesce(Sum(Subquery(items, output_field=IntegerField())), 0)

    counts = Activity.objects.filter(start_date__year=year).aggregate(
        held=Count("pk", filter=Q(status=A.HELD)), planned=Count("pk", filter=Q(status=A.PLANNED)),
        **{f"held_{kind}": Count("pk", filter=Q(status=A.HELD, kind=kind)) for kind in Activity.Kind.values},
        items_total=items_of_activity(), items_open=items_of_activity(status__in=workflow.OPEN_STATUSES))
    held_by_kind = {kind: counts[f"held_{kind}"] for kind in Activity.Kind.values}
    return YearFigures(
        held=counts["held"], planned=counts["planned"], items_total=counts["items_total"],
        items_open=counts["items_open"],
        by_kind=[(kind.label, held_by_kind[kind.value]) for kind in Activity.Kind if held_by_kind.get(kind.value)],
    )


# --- one activity -------------------------------------------------------------------------------

def votes_with_rates(votes):
    """The votes, each with `rate`: (满意 + 基本满意) / ballots issued, in percent."""
    votes = list(votes)
    for vote in votes:
        vote.rate = rules.satisfaction_rate(ballots=vote.ballots, satisfied=vote.satisfied,
                                            basically_satisfied=vote.basically_satisfied)
    return votes


def activity_detail(activity):
    """Everything the activity's page shows, read in a fixed number of queries."""
    files = list(activity.files.select_related("uploaded_by"))
    return {
        "units": list(ordered_units(activity.units.all())),
        "participants": list(activity.participants.select_related("district").order_by("name")),
        "follow_ups": list(activity.follow_ups.order_by("start_date", "pk")),
        "photos": [f for f in files if f.is_photo],
        "documents": [f for f in files if not f.is_photo],
        "votes": votes_with_rates(activity.satisfaction_votes.select_related("unit")),
        "items": list(activity.rectification_items.select_related("unit").order_by("deadline", "pk")),
        "research_reports": list(activity.research_reports.select_related("author")),
    }


# --- the deputy's own ---------------------------------------------------------------------------

def _of_deputy(deputy):
    # Led by, UNION taken part in: each side reads its own index, where an OR across the join of
    # the participants read every participation of every activity.
    led = Activity.objects.filter(leader=deputy).order_by().values("pk")
    ids = led.union(Activity.participants.through.objects.filter(deputy=deputy).order_by().values("activity"))
    return (Activity.objects.filter(pk__in=ids).select_related("leader")
            .prefetch_related(Prefetch("units", queryset=ordered_units())))


def activities_for_deputy(deputy):
    """The activities `deputy` leads or takes part in: those planned (and those called off that
    were still to come) soonest first, then those held this year and in earlier years."""
    day = today()
    mine = _of_deputy(deputy)
    upcoming = list(mine.filter(Q(status=A.PLANNED) | Q(status=A.CANCELLED, start_date__gte=day))
                    .order_by("start_date", "pk"))
    held = list(mine.filter(status=A.HELD, start_date__year__lte=day.year).order_by("-start_date", "-pk"))
    return {
        "upcoming": upcoming,
        "held_this_year": [activity for activity in held if activity.start_date.year == day.year],
        "held_earlier": [activity for activity in held if activity.start_date.year < day.year],
    }


def trainings_for_deputy(deputy, limit=20):
    """The trainings and study visits the deputy attends or attended (not those called off)."""
    return list(Training.objects.filter(attendees=deputy).exclude(status=Training.Status.CANCELLED)
                .order_by("-start_date", "-pk")[:limit])
