"""Supervision's part of the deputies' duty records (deputies.duty): the activities a deputy led
or took part in, the trainings and study visits attended, and the research reports written.
Only what was held counts; a planned or cancelled activity is no act of anyone's."""
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from deputies.duty import DutyLine, among, line_values

from ..models import Activity, ResearchReport, Training


def _held_activities(start, end):
    return Activity.objects.filter(status=Activity.Status.HELD, start_date__range=(start, end))


def activity_counts_by_deputy(start, end):
    """{deputy_id: activities held start..end that the deputy led or took part in} (two queries);
    a leader who is also listed among the participants counts once."""
    held = _held_activities(start, end)
    pairs = set(held.filter(participants__isnull=False).values_list("participants", "pk"))
    pairs |= set(held.filter(leader__isnull=False).values_list("leader", "pk"))
    counts = {}
    for deputy_id, _activity_id in pairs:
        counts[deputy_id] = counts.get(deputy_id, 0) + 1
    return counts


def activity_count_query(start, end, deputies=None):
    """The rows of activity_counts_by_deputy as two grouped queries whose rows add up (not
    evaluated): (deputy_id, n) as participant, and (leader, n) as leader not also listed."""
    through = Activity.participants.through.objects
    if deputies is None:
        # For every deputy, the year's participant rows are found by probing the index for each held
        # activity (among()): joining, the planner hashed every year's participant rows, twice.
        held_ids = _held_activities(start, end).order_by().values("pk")
        participants = through.filter(among("activity_id", held_ids))
        listed = through.filter(among("activity_id", held_ids))
    else:
        participants = through.filter(activity__status=Activity.Status.HELD, activity__start_date__range=(start, end))
        listed = through
    listed = listed.filter(activity=OuterRef("pk"), deputy=OuterRef("leader"))
    leaders = _held_activities(start, end).filter(leader__isnull=False).filter(~Exists(listed))
    if deputies is not None:
        participants = participants.filter(deputy__in=deputies)
        leaders = leaders.filter(leader__in=deputies)
    return (participants.order_by().values("deputy_id").annotate(n=Count("activity_id")),
            leaders.order_by().values("leader").annotate(n=Count("pk")))


def _line_of_activity(row, view):
    activity = (Activity if view == "supervision:activity_detail" else Training)(kind=row["line_text1"])
    return DutyLine(date=row["line_date"],
                    text=_("%(kind)s: %(topic)s") % {"kind": activity.get_kind_display(), "topic": row["line_text2"]},
                    url=reverse(view, args=[row["line_ref"]]))


def activity_line_query(deputy, start, end):
    took_part = Activity.participants.through.objects.filter(activity=OuterRef("pk"), deputy=deputy)
    activities = _held_activities(start, end).filter(Q(leader=deputy) | Exists(took_part))
    return line_values(activities, date="start_date", ref="pk", text1="kind", text2="topic")


def activity_line_row(row):
    return _line_of_activity(row, "supervision:activity_detail")


def activity_lines(deputy, start, end):
    """The activities `deputy` led or took part in, held start..end (one query)."""
    activities = (_held_activities(start, end).filter(Q(participants=deputy) | Q(leader=deputy))
                  .distinct().order_by("start_date", "pk"))
    return [
        DutyLine(date=activity.start_date,
                 text=_("%(kind)s: %(topic)s") % {"kind": activity.get_kind_display(), "topic": activity.topic},
                 url=reverse("supervision:activity_detail", args=[activity.pk]))
        for activity in activities
    ]


def _held_trainings(start, end):
    return Training.objects.filter(status=Training.Status.HELD, start_date__range=(start, end))


def training_counts_by_deputy(start, end):
    """{deputy_id: trainings and study visits held start..end that the deputy attended} (one query)."""
    rows = (_held_trainings(start, end).filter(attendees__isnull=False).order_by()
            .values("attendees").annotate(n=Count("pk")))
    return {row["attendees"]: row["n"] for row in rows}


def training_count_query(start, end, deputies=None):
    # One filter() call: a second one on the many-to-many would join the attendees twice.
    attended = {"attendees__isnull": False} if deputies is None else {"attendees__in": deputies}
    return _held_trainings(start, end).filter(**attended).order_by().values("attendees").annotate(n=Count("pk"))


def training_line_query(deputy, start, end):
    return line_values(_held_trainings(start, end).filter(attendees=deputy), date="start_date", ref="pk",
                       text1="kind", text2="topic")


def training_line_row(row):
    return _line_of_activity(row, "supervision:training_detail")


def training_lines(deputy, start, end):
    trainings = _held_trainings(start, end).filter(attendees=deputy).order_by("start_date", "pk")
    return [
        DutyLine(date=training.start_date,
                 text=_("%(kind)s: %(topic)s") % {"kind": training.get_kind_display(), "topic": training.topic},
                 url=reverse("supervision:training_detail", args=[training.pk]))
        for training in trainings
    ]


def research_counts_by_deputy(start, end):
    """{deputy_id: research reports written start..end} (one query)."""
    rows = (ResearchReport.objects.filter(written_on__range=(start, end)).order_by()
            .values("author").annotate(n=Count("pk")))
    return {row["author"]: row["n"] for row in rows}


def research_count_query(start, end, deputies=None):
    rows = ResearchReport.objects.filter(written_on__range=(start, end))
    if deputies is not None:
        rows = rows.filter(author__in=deputies)
    return rows.order_by().values("author").annotate(n=Count("pk"))


def research_line_query(deputy, start, end):
    return line_values(ResearchReport.objects.filter(author=deputy, written_on__range=(start, end)),
                       date="written_on", ref="pk", text2="title")


def research_line_row(row):
    return DutyLine(date=row["line_date"], text=_("Research report: %(title)s") % {"title": row["line_text2"]},
                    url=reverse("supervision:research_detail", args=[row["line_ref"]]))


def research_lines(deputy, start, end):
    reports = ResearchReport.objects.filter(author=deputy, written_on__range=(start, end)).order_by("written_on", "pk")
    return [
        DutyLine(date=report.written_on, text=_("Research report: %(title)s") % {"title": report.title},
                 url=reverse("supervision:research_detail", args=[report.pk]))
        for report in reports
    ]
