"""The figures of each role's dashboard, one selector per role, each returning a dict for its template.

Every selector runs a small, fixed number of queries whatever the number of rows: counts come
from one aggregate per table, lists from one query each. Later issues add their panels here
(open suggestions, meetings, supervision) as their apps arrive.
"""
import datetime

from django.db.models import CharField, Count, Exists, IntegerField, OuterRef, Q, Value
from django.utils import timezone, translation

from congress.selectors import deputies_absent_twice, leave_requests_pending, meeting_counts, pending_notice_replies
from core import workdays
from core.models import HandlingUnit, User
from core.roles import Role
from core.selectors import active_handling_units, notifications_for
from core.selectors_chase import chase_alerts
from deputies.models import Deputy
from deputies.selectors import (
    current_term,
    deputies_in_office,
    not_reported_ids,
    reception_counts,
    township_mandate,
)
from motions import caching
from motions.selectors.deputy import waiting_counts
from motions.selectors.office import office_counts
from motions.selectors.statistics import suggestion_statistics
from motions.selectors.unit import unit_counts
from supervision import workflow as supervision_workflow
from supervision.models import Activity, RectificationItem

LATEST_MESSAGES = 5
# The rectification items the dashboards count: to start, in progress, awaiting verification.
OPEN_RECTIFICATION = (RectificationItem.Status.PENDING, RectificationItem.Status.IN_PROGRESS,
                      RectificationItem.Status.RECTIFIED)


def _today():
    # The township's date, not the server's: a dashboard opened at 07:00 in Beijing is already "today".
    return timezone.localdate(timezone=timezone.get_default_timezone())


def latest_messages(user, *, unread_only=False):
    notifications = notifications_for(user)
    if unread_only:
        notifications = notifications.filter(is_read=False)
    return list(notifications[:LATEST_MESSAGES])


def deputy_figures(*, not_reported_in=None, today=None):
    """Deputies in office, the women among them and those who cannot sign in yet (one query);
    with `not_reported_in` (a term), also how many of them have not reported to their voters in
    it yet (deputies.selectors.deputies_not_reported), in the same query."""
    extra = {}
    if not_reported_in is not None:
        # deputies_not_reported's deputies, picked from the term's mandates in office rather than
        # from every deputy joined to their mandates a second time.
        extra["not_reported"] = Count("pk", filter=Q(pk__in=not_reported_ids(not_reported_in, today)))
    return deputies_in_office().aggregate(
        in_office=Count("pk"),
        women=Count("pk", filter=Q(gender=Deputy.Gender.FEMALE)),
        without_account=Count("pk", filter=Q(user__isnull=True)),
        **extra,
    )


def handling_unit_figures():
    """Active handling units, by kind (one query)."""
    figures = active_handling_units().aggregate(
        active=Count("pk"),
        government_offices=Count("pk", filter=Q(kind=HandlingUnit.Kind.GOVERNMENT_OFFICE)),
        village_committees=Count("pk", filter=Q(kind=HandlingUnit.Kind.VILLAGE_COMMITTEE)),
    )
    figures["other"] = figures["active"] - figures["government_offices"] - figures["village_committees"]
    return figures


def _officers():
    # `handling_unit__isnull=False` says nothing new to the correlated filter, but lets PostgreSQL
    # hash the few accounts that have a unit (from the handling_unit index) instead of all of them.
    return User.objects.filter(handling_unit=OuterRef("pk"), handling_unit__isnull=False, is_active=True,
                               groups__name=Role.UNIT_OFFICER)


def handling_units_without_officer():
    """Active units that nobody can sign in for: items assigned to them would go unread (one query)."""
    return list(active_handling_units().filter(~Exists(_officers())))


def handling_units_and_figures():
    """handling_unit_figures() and handling_units_without_officer() from one query: the active
    units, each marked whether an officer can sign in for it (a township has tens of units)."""
    units = list(active_handling_units().annotate(has_officer=Exists(_officers())))
    kind = HandlingUnit.Kind
    figures = {
        "active": len(units),
        "government_offices": sum(1 for unit in units if unit.kind == kind.GOVERNMENT_OFFICE),
        "village_committees": sum(1 for unit in units if unit.kind == kind.VILLAGE_COMMITTEE),
    }
    figures["other"] = figures["active"] - figures["government_offices"] - figures["village_committees"]
    return figures, [unit for unit in units if not unit.has_officer]


def year_working_days(today, calendar=None):
    """The working days of today's year: in all, up to and including today, and left after today.

    The calendar of the whole year is read in one query and both counts are taken from it.
    """
    eve, year_end = datetime.date(today.year - 1, 12, 31), datetime.date(today.year, 12, 31)
    calendar = calendar or workdays.WorkCalendar(eve, year_end)
    total = workdays.working_days_between(eve, year_end, calendar)
    elapsed = workdays.working_days_between(eve, today, calendar)
    return {
        "total": total,
        "elapsed": elapsed,
        "remaining": total - elapsed,
        "percent": round(100 * elapsed / total) if total else 0,
    }


def rectification_counts(today, *, unit_id=None):
    """Rectification items to start, in progress, awaiting verification and overdue — of every
    unit, or of one (one query)."""
    status = RectificationItem.Status
    # Only the items still open are counted: read from the (status, deadline) or (unit, status)
    # index, not every item of ten years (most are verified).
    items = RectificationItem.objects.filter(status__in=OPEN_RECTIFICATION)
    if unit_id is not None:
        items = items.filter(unit_id=unit_id)
    return items.aggregate(
        to_start=Count("pk", filter=Q(status=status.PENDING)),
        in_progress=Count("pk", filter=Q(status=status.IN_PROGRESS)),
        awaiting_verification=Count("pk", filter=Q(status=status.RECTIFIED)),
        overdue=Count("pk", filter=Q(status__in=supervision_workflow.IN_HANDLING, deadline__lt=today)),
    )


def _counted_activities(today):
    # The rows the two counts read, from the (status, start_date) index: not ten years of activities.
    return Activity.objects.filter(Q(status=Activity.Status.HELD, start_date__year=today.year)
                                   | Q(status=Activity.Status.PLANNED, start_date__gte=today))


def activity_counts(today):
    """Supervision activities held this year and planned from today on (one query)."""
    return _counted_activities(today).aggregate(
        held=Count("pk", filter=Q(status=Activity.Status.HELD, start_date__year=today.year)),
        planned=Count("pk", filter=Q(status=Activity.Status.PLANNED, start_date__gte=today)),
    )


def supervision_counts(today):
    """activity_counts() and rectification_counts() in one query: the UNION ALL of the two
    aggregates, each padded with zeros to the other's columns. Returns (activities, rectification)."""
    status = RectificationItem.Status
    zero = Value(0, output_field=IntegerField())
    activities = _counted_activities(today).order_by().values(part=Value("a", output_field=CharField())).annotate(
        c1=Count("pk", filter=Q(status=Activity.Status.HELD, start_date__year=today.year)),
        c2=Count("pk", filter=Q(status=Activity.Status.PLANNED, start_date__gte=today)),
        c3=zero, c4=zero,
    )
    items = RectificationItem.objects.filter(status__in=OPEN_RECTIFICATION).order_by().values(
        part=Value("r", output_field=CharField())).annotate(
        c1=Count("pk", filter=Q(status=status.PENDING)),
        c2=Count("pk", filter=Q(status=status.IN_PROGRESS)),
        c3=Count("pk", filter=Q(status=status.RECTIFIED)),
        c4=Count("pk", filter=Q(status__in=supervision_workflow.IN_HANDLING, deadline__lt=today)),
    )
    rows = {row[0]: row[1:] for row in activities.values_list("part", "c1", "c2", "c3", "c4")
            .union(items.values_list("part", "c1", "c2", "c3", "c4"), all=True)}
    held, planned, _, _ = rows.get("a", (0, 0, 0, 0))
    to_start, in_progress, awaiting, overdue = rows.get("r", (0, 0, 0, 0))
    return ({"held": held, "planned": planned},
            {"to_start": to_start, "in_progress": in_progress, "awaiting_verification": awaiting, "overdue": overdue})


def suggestion_figures(year):
    """suggestion_statistics(year=year).overall, kept in the motions cache on its own: a dashboard
    shows only these figures, and reading the year's every table from the cache costs it more."""
    return caching.cached(f"dashboard:overall:{year}:{translation.get_language()}",
                          lambda: suggestion_statistics(year=year).overall)


def upcoming_activities(deputy, today, *, limit=5):
    """The planned activities `deputy` leads or takes part in, soonest first (one query)."""
    return list(
        Activity.objects.filter(Q(participants=deputy) | Q(leader=deputy), status=Activity.Status.PLANNED,
                                start_date__gte=today)
        .distinct().order_by("start_date", "pk")[:limit]
    )


def staff_dashboard(user, *, today=None):
    """The office's "what needs action" page."""
    today = today or _today()
    units, without_officer = handling_units_and_figures()
    activities, rectification = supervision_counts(today)
    actions = congress_actions(today, count_not_reported=False)
    deputies = deputy_figures(not_reported_in=actions["term"], today=today)
    return {
        "today": today,
        "unread_messages": latest_messages(user, unread_only=True),
        "missing_holiday_years": workdays.missing_years([today.year, today.year + 1]),
        "units_without_officer": without_officer,
        "deputies": deputies,
        "units": units,
        **actions,
        "not_reported_count": deputies.get("not_reported", 0),
        "suggestions": office_counts(),
        "activities": activities,
        "rectification": rectification,
        # Red and yellow items of the chase board (SPEC §4): only the chase sources' own queries.
        "chase": chase_alerts(today=today),
    }


def congress_actions(today, *, count_not_reported=True):
    """What the congress's records ask of the office: leave to decide, the absence rule (代表法
    Art. 62: the deputies' names) and deputies yet to report to their voters this term (three
    queries; without `count_not_reported`, the caller counts those with deputy_figures)."""
    term = current_term(today)
    actions = {
        "term": term,
        "leave_requests": leave_requests_pending(day=today),
        "absent_twice": deputies_absent_twice(term, day=today, with_missed=False) if term else [],
    }
    if count_not_reported:
        actions["not_reported_count"] = not_reported_ids(term, today).count() if term else 0
    return actions


def chairman_dashboard(user, *, today=None):
    """The year at a glance: the people of the congress and the working days of the year."""
    today = today or _today()
    # The whole year's calendar, read once: the working days and whether its holidays are entered.
    calendar = workdays.WorkCalendar(datetime.date(today.year - 1, 12, 31), datetime.date(today.year, 12, 31))
    activities, rectification = supervision_counts(today)
    return {
        "today": today,
        "year": today.year,
        "deputies": deputy_figures(),
        "units": handling_unit_figures(),
        "working_days": year_working_days(today, calendar),
        "meetings": meeting_counts(today.year),
        "receptions": reception_counts(today.year),
        "suggestion_figures": suggestion_figures(today.year),
        "activities": activities,
        "rectification": rectification,
        # Without the year's holidays every weekday counts as worked: say so next to the figures.
        "calendar_incomplete": not calendar.lists_any_day_of(today.year),
        "unread_messages": latest_messages(user, unread_only=True),
        "chase": chase_alerts(today=today),
    }


def presidium_member_dashboard(user, *, today=None):
    """The chairman's figures, read-only."""
    return chairman_dashboard(user, today=today)


def deputy_dashboard(user, *, today=None):
    """A deputy's own record and inbox, for a phone."""
    today = today or _today()
    deputy = Deputy.objects.filter(user=user).first()
    return {
        "deputy": deputy,
        "mandate": township_mandate(deputy) if deputy else None,
        "pending_replies": pending_notice_replies(deputy) if deputy else [],
        "suggestions_waiting": waiting_counts(deputy) if deputy else None,
        "upcoming_activities": upcoming_activities(deputy, today) if deputy else [],
        "latest_messages": latest_messages(user),
    }


def unit_officer_dashboard(user, *, today=None):
    """The officer's own unit, never another, and their inbox."""
    today = today or _today()
    unit = user.handling_unit if user.handling_unit_id else None
    return {
        "unit": unit,
        "unit_items": unit_counts(unit) if unit else None,
        "rectification": rectification_counts(today, unit_id=unit.pk) if unit else None,
        # Only this unit's red and yellow items, never another's.
        "chase": chase_alerts(today=today, unit_id=unit.pk) if unit else None,
        "latest_messages": latest_messages(user),
    }
