"""Supervision's part of the deputies' duty records (deputies.duty): the activities a deputy led
or took part in, the trainings and study visits attended, and the research reports written.
Only what was held counts; a planned or cancelled activity is no act of anyone's."""
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from deputies.duty import DutyLine

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


def research_lines(deputy, start, end):
    reports = ResearchReport.objects.filter(author=deputy, written_on__range=(start, end)).order_by("written_on", "pk")
    return [
        DutyLine(date=report.written_on, text=_("Research report: %(title)s") % {"title": report.title},
                 url=reverse("supervision:research_detail", args=[report.pk]))
        for report in reports
    ]
