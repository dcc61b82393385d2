"""Reads of congress records, each shaped for one page or report and run in a fixed number of queries.

Who is expected at a meeting is drawn from the roster of the meeting's first day: for a session,
every township deputy of the meeting's term in office that day (a deputy whose mandate ended
before the session, or who was by-elected after it, counts neither as expected nor in the
quorum's base); for a presidium meeting, the presidium members of the term serving that day.
"""
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, FilteredRelation, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.models import User
from core.roles import Role
from deputies.duty import DutyLine
from deputies.models import Deputy, Mandate
from deputies.selectors import deputies_in_office

from . import rules
from .models import AgendaItem, Attendance, Meeting, MeetingNotice, NoticeReply, PresidiumMembership

PRESENT, ON_LEAVE, ABSENT = Attendance.Status.PRESENT, Attendance.Status.ON_LEAVE, Attendance.Status.ABSENT
SESSION = Meeting.Kind.SESSION
PRESIDIUM_KINDS = (Meeting.Kind.PRESIDIUM, Meeting.Kind.PRESIDIUM_MEMBERS)
# A meeting of the chairman and vice-chairmen (主席会议) expects only them.
CHAIR_POSITIONS = (PresidiumMembership.Position.CHAIRMAN, PresidiumMembership.Position.VICE_CHAIRMAN)
POSITION_ORDER = Case(
    *(When(position=position, then=Value(rank)) for rank, position in enumerate(PresidiumMembership.Position.values)),
    output_field=IntegerField(),
)


def today():
    return timezone.localdate()


# --- who is expected --------------------------------------------------------------------------

def presidium_serving(day, *, term, positions=None):
    """Presidium memberships of `term` serving on `day` (`until` is the last day served)."""
    memberships = PresidiumMembership.objects.filter(term=term, since__lte=day).filter(
        Q(until__isnull=True) | Q(until__gte=day)
    )
    if positions:
        memberships = memberships.filter(position__in=positions)
    return memberships


def expected_attendees(meeting):
    """The deputies expected at `meeting`, as a queryset: see the module's docstring.

    A presidium member is a deputy; one whose mandate has ended has left the presidium too.
    """
    in_office = deputies_in_office(meeting.start_date, term=meeting.term_id)
    if meeting.kind == SESSION:
        return in_office
    positions = CHAIR_POSITIONS if meeting.kind == Meeting.Kind.PRESIDIUM_MEMBERS else None
    serving = presidium_serving(meeting.start_date, term=meeting.term_id, positions=positions)
    return in_office.filter(Exists(serving.filter(deputy=OuterRef("pk"))))


def is_expected(meeting, deputy_ids):
    """The subset of `deputy_ids` expected at `meeting` (one query)."""
    return set(expected_attendees(meeting).filter(pk__in=deputy_ids).values_list("pk", flat=True))


# --- quorum -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Quorum:
    """The attendance figures of one meeting and what the law makes of them.

    `in_office` is the base of the quorum: deputies in office on the meeting's first day for a
    session, presidium members serving that day for a presidium meeting.
    """

    is_session: bool
    in_office: int
    present: int
    on_leave: int
    absent: int

    @property
    def unrecorded(self):
        return self.in_office - self.present - self.on_leave - self.absent

    @property
    def required(self):
        if self.is_session:
            return rules.quorum_required(self.in_office)
        return rules.presidium_quorum_required(self.in_office)

    @property
    def met(self):
        if self.is_session:
            return rules.has_quorum(self.present, self.in_office)
        return rules.presidium_has_quorum(self.present, self.in_office)

    @property
    def short_by(self):
        return max(self.required - self.present, 0)

    @property
    def votes_needed(self):
        """The votes for that carry a resolution: more than half of ALL deputies in office."""
        return rules.votes_needed_to_pass(self.in_office)


def meeting_quorum(meeting):
    """The meeting's quorum panel: expected, present, on leave, absent, unrecorded (one query)."""
    # One join, not a lookup per deputy: a deputy has at most one mark per meeting (the unique
    # constraint attendance_once_per_deputy), so the join does not multiply the deputies.
    mark = FilteredRelation("attendance", condition=Q(attendance__meeting=meeting))
    figures = expected_attendees(meeting).annotate(mark=mark).aggregate(
        in_office=Count("pk"),
        present=Count("pk", filter=Q(mark__status=PRESENT)),
        on_leave=Count("pk", filter=Q(mark__status=ON_LEAVE)),
        absent=Count("pk", filter=Q(mark__status=ABSENT)),
    )
    return Quorum(is_session=meeting.kind == SESSION, **figures)


# --- notices and the attendance sheet ---------------------------------------------------------

def latest_notice(meeting):
    """The notice that collects the deputies' answers: the last one sent (a later notice carries
    the answers given to an earlier one over)."""
    return meeting.notices.order_by("-sent_at", "-pk").first()


def _is_latest_notice(prefix=""):
    """A condition true for rows whose notice (reached through `prefix`) is its meeting's last."""
    newer = MeetingNotice.objects.filter(meeting=OuterRef(f"{prefix}meeting")).filter(
        Q(sent_at__gt=OuterRef(f"{prefix}sent_at"))
        | Q(sent_at=OuterRef(f"{prefix}sent_at"), pk__gt=OuterRef(f"{prefix}pk"))
    )
    return ~Exists(newer)


def suggested_status(reply):
    """What a deputy's answer suggests for the tick page: approved leave → on leave, attend →
    present; anything else (no answer, leave pending or refused) is for staff to see on the day."""
    if reply is None:
        return ""
    if reply.answer == NoticeReply.Answer.LEAVE and reply.leave_decision == NoticeReply.LeaveDecision.APPROVED:
        return ON_LEAVE
    if reply.answer == NoticeReply.Answer.ATTEND:
        return PRESENT
    return ""


def attendance_prefill(meeting):
    """{deputy_id: status} suggested by the answers to the meeting's notice (two queries)."""
    notice = latest_notice(meeting)
    if notice is None:
        return {}
    prefill = {reply.deputy_id: suggested_status(reply) for reply in notice.replies.all()}
    return {deputy_id: status for deputy_id, status in prefill.items() if status}


@dataclass(frozen=True)
class SheetRow:
    deputy: Deputy
    status: str  # the recorded mark, or "" when not recorded yet
    suggested: str  # what the notice's answer suggests
    reply: NoticeReply | None

    @property
    def initial(self):
        return self.status or self.suggested


def attendance_sheet(meeting):
    """One row per expected deputy, by district and name, with the recorded mark, the answer to
    the notice and what it suggests (one query for the notice, one for the deputies, one prefetch
    each for marks and replies)."""
    notice = latest_notice(meeting)
    deputies = (
        expected_attendees(meeting)
        .select_related("district")
        .prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.filter(meeting=meeting), to_attr="marks"),
            Prefetch("notice_replies", queryset=NoticeReply.objects.filter(notice=notice), to_attr="replies"),
        )
        .order_by("district__number", "name", "pk")
    )
    rows = []
    for deputy in deputies:
        reply = deputy.replies[0] if notice is not None and deputy.replies else None
        status = deputy.marks[0].status if deputy.marks else ""
        rows.append(SheetRow(deputy=deputy, status=status, suggested=suggested_status(reply), reply=reply))
    return rows


def notice_replies(notice):
    """The replies to a notice, requests for leave awaiting a decision first, as an ordered
    queryset for the page to cut (a session's notice reaches every deputy in office)."""
    waiting = Case(When(answer=NoticeReply.Answer.LEAVE, leave_decision=NoticeReply.LeaveDecision.PENDING,
                        then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        notice.replies.select_related("deputy__district", "decided_by")
        .annotate(waiting=waiting)
        .order_by("waiting", "deputy__district__number", "deputy__name", "pk")
    )


def reply_figures(notice):
    """Counts of a notice's replies by answer and decision (one query)."""
    answer, decision = NoticeReply.Answer, NoticeReply.LeaveDecision
    leave = Q(answer=answer.LEAVE)
    return notice.replies.order_by().aggregate(
        total=Count("pk"),
        attend=Count("pk", filter=Q(answer=answer.ATTEND)),
        leave=Count("pk", filter=leave),
        pending=Count("pk", filter=Q(answer=answer.PENDING)),
        leave_pending=Count("pk", filter=leave & Q(leave_decision=decision.PENDING)),
        leave_approved=Count("pk", filter=leave & Q(leave_decision=decision.APPROVED)),
        leave_refused=Count("pk", filter=leave & Q(leave_decision=decision.REFUSED)),
    )


# --- lists of meetings ------------------------------------------------------------------------

def _expected_count():
    """A correlated count of the deputies expected at each meeting of a queryset."""
    day = OuterRef("start_date")
    in_office = Q(elected_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    mandates = Mandate.objects.filter(in_office, level=Mandate.Level.TOWNSHIP, term=OuterRef("term"))
    session = mandates.order_by().values("term").annotate(n=Count("pk")).values("n")
    # One level deeper, the meeting's day is the outer query's outer reference.
    outer_day = OuterRef(OuterRef("start_date"))
    mandate_of_member = Mandate.objects.filter(
        Q(elected_on__lte=outer_day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=outer_day)),
        level=Mandate.Level.TOWNSHIP, term=OuterRef("term"), deputy=OuterRef("deputy"),
    )
    members = (
        PresidiumMembership.objects.filter(term=OuterRef("term"), since__lte=day)
        .filter(Q(until__isnull=True) | Q(until__gte=day))
        .filter(Exists(mandate_of_member))
    )
    presidium = members.order_by().values("term").annotate(n=Count("pk")).values("n")
    chairs = members.filter(position__in=CHAIR_POSITIONS).order_by().values("term").annotate(n=Count("pk")).values("n")
    return Case(
        When(kind=SESSION, then=Coalesce(Subquery(session), 0)),
        When(kind=Meeting.Kind.PRESIDIUM, then=Coalesce(Subquery(presidium), 0)),
        default=Coalesce(Subquery(chairs), 0),
        output_field=IntegerField(),
    )


def _count_per_meeting(rows):
    counted = rows.filter(meeting=OuterRef("pk")).order_by().values("meeting").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def meetings_for_list(*, year=None, kind="", status=""):
    """Meetings, newest first, with their agenda size and attendance figures (one query).

    Correlated counts, not joined ones: joining agenda × attendance multiplies rows (at county scale
    the page took minutes), and the paginator's count() can leave subqueries out."""
    meetings = Meeting.objects.select_related("term").annotate(
        agenda_count=_count_per_meeting(AgendaItem.objects.all()),
        present_count=_count_per_meeting(Attendance.objects.filter(status=PRESENT)),
        recorded_count=_count_per_meeting(Attendance.objects.all()),
        expected_count=_expected_count(),
    )
    if year:
        meetings = meetings.filter(start_date__year=year)
    if kind:
        meetings = meetings.filter(kind=kind)
    if status:
        meetings = meetings.filter(status=status)
    return meetings.order_by("-start_date", "-pk")


def meeting_years():
    """The years that have meetings, newest first, always including this year (one query)."""
    years = {day.year for day in Meeting.objects.dates("start_date", "year")}
    years.add(today().year)
    return sorted(years, reverse=True)


def meeting_counts(year):
    """The year's held meetings for the year-end summary ("召开x次人代会、x次主席团会议"), one query."""
    return Meeting.objects.filter(status=Meeting.Status.HELD, start_date__year=year).aggregate(
        sessions=Count("pk", filter=Q(kind=SESSION)),
        presidium_meetings=Count("pk", filter=Q(kind=Meeting.Kind.PRESIDIUM)),
        presidium_members_meetings=Count("pk", filter=Q(kind=Meeting.Kind.PRESIDIUM_MEMBERS)),
    )


def next_meeting_number(term, kind):
    """The number the next meeting of `kind` in `term` would take: one after the highest."""
    highest = Meeting.objects.filter(term=term, kind=kind).order_by("-number").values_list("number", flat=True)
    return (next(iter(highest), None) or 0) + 1


def meeting_detail(meeting):
    """The agenda with each item's vote (one query)."""
    return list(meeting.agenda.select_related("vote", "vote__recorded_by").order_by("order", "pk"))


# --- the deputy's own meetings ----------------------------------------------------------------

def _concerning(deputy):
    """The meetings that concern `deputy`: expected there, or noticed, or marked."""
    day = OuterRef("start_date")
    in_office = Q(elected_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    mandate = Mandate.objects.filter(in_office, deputy=deputy, level=Mandate.Level.TOWNSHIP, term=OuterRef("term"))
    membership = PresidiumMembership.objects.filter(deputy=deputy, term=OuterRef("term"), since__lte=day).filter(
        Q(until__isnull=True) | Q(until__gte=day)
    )
    chair = membership.filter(position__in=CHAIR_POSITIONS)
    # The terms the deputy sat in the presidium of, read once: the per-meeting checks that follow
    # (in this order) then run only for those terms' presidium meetings, not for thousands.
    member_terms = PresidiumMembership.objects.filter(deputy=deputy).values("term")
    chair_terms = member_terms.filter(position__in=CHAIR_POSITIONS)
    return (
        Q(Exists(NoticeReply.objects.filter(deputy=deputy, notice__meeting=OuterRef("pk"))))
        | Q(Exists(Attendance.objects.filter(deputy=deputy, meeting=OuterRef("pk"))))
        | (Q(kind=SESSION) & Q(Exists(mandate)))
        | (Q(kind=Meeting.Kind.PRESIDIUM) & Q(term__in=member_terms) & Q(Exists(membership)) & Q(Exists(mandate)))
        | (Q(kind=Meeting.Kind.PRESIDIUM_MEMBERS) & Q(term__in=chair_terms) & Q(Exists(chair)) & Q(Exists(mandate)))
    )


def deputy_is_concerned(deputy, meeting):
    return Meeting.objects.filter(_concerning(deputy), pk=meeting.pk).exists()


def meetings_for_deputy(deputy, *, day=None, past_limit=20):
    """The deputy's meetings: upcoming first (soonest first), then past ones (latest first), each
    with the latest notice, the deputy's answer to it and their attendance mark (two queries)."""
    day = day or today()
    reply = NoticeReply.objects.filter(deputy=deputy, notice__meeting=OuterRef("pk")).order_by(
        "-notice__sent_at", "-notice__pk")
    notice = MeetingNotice.objects.filter(meeting=OuterRef("pk")).order_by("-sent_at", "-pk")
    mark = Attendance.objects.filter(deputy=deputy, meeting=OuterRef("pk"))
    meetings = Meeting.objects.filter(_concerning(deputy)).select_related("term").annotate(
        notice_message=Subquery(notice.values("message")[:1]),
        notice_reply_by=Subquery(notice.values("reply_by")[:1]),
        my_reply_pk=Subquery(reply.values("pk")[:1]),
        my_answer=Subquery(reply.values("answer")[:1]),
        my_leave_decision=Subquery(reply.values("leave_decision")[:1]),
        my_mark=Subquery(mark.values("status")[:1]),
    )
    upcoming = Q(start_date__gte=day) & ~Q(status=Meeting.Status.HELD)
    return {
        "upcoming": list(meetings.filter(upcoming).order_by("start_date", "pk")),
        "past": list(meetings.exclude(upcoming).order_by("-start_date", "-pk")[:past_limit]),
    }


def pending_notice_replies(deputy, *, day=None):
    """Notices the deputy has still to answer: of a planned meeting not begun yet, the latest
    notice of its meeting (one query)."""
    day = day or today()
    return list(
        NoticeReply.objects.filter(
            deputy=deputy, answer=NoticeReply.Answer.PENDING,
            notice__meeting__status=Meeting.Status.PLANNED, notice__meeting__start_date__gte=day,
        )
        .filter(_is_latest_notice("notice__"))
        .select_related("notice__meeting")
        .order_by("notice__meeting__start_date", "pk")
    )


# --- the absence rule -------------------------------------------------------------------------

def _unexcused_absences(term):
    """Attendance rows of `term`'s held sessions marked absent without leave approved in reply to
    a notice of that session."""
    approved_leave = NoticeReply.objects.filter(
        deputy=OuterRef("deputy"), notice__meeting=OuterRef("meeting"),
        answer=NoticeReply.Answer.LEAVE, leave_decision=NoticeReply.LeaveDecision.APPROVED,
    )
    return Attendance.objects.filter(
        status=ABSENT, meeting__term=term, meeting__kind=SESSION, meeting__status=Meeting.Status.HELD,
    ).exclude(Exists(approved_leave))


def deputies_absent_twice(term, *, day=None, with_missed=True):
    """Deputies of `term` still in office who missed two or more of its held sessions without
    approved leave (代表法 Art. 62: 未经批准两次不出席本级人民代表大会会议的，其代表资格终止), each
    with `unexcused_absences` (their count) and `missed` (those sessions' attendance rows).

    Presidium meetings do not count, nor does absence with leave approved. Two queries: the
    deputies, picked by one grouped count of the term's unexcused absences, and their absences.
    Without `with_missed` (a dashboard names them only), one query: the deputies' names alone,
    with neither attribute.
    """
    day = min(max(day or today(), term.start_date), term.end_date)
    absences = _unexcused_absences(term)
    twice = absences.order_by().values("deputy").annotate(n=Count("pk")).filter(n__gte=2).values("deputy")
    deputies = deputies_in_office(day, term=term).filter(pk__in=twice).order_by("district__number", "name", "pk")
    if not with_missed:
        return list(deputies.only("pk", "name"))
    deputies = list(
        deputies.select_related("district")
        .prefetch_related(Prefetch("attendance", queryset=absences.select_related("meeting__term")
                                   .order_by("meeting__start_date", "meeting__pk"), to_attr="missed"))
    )
    for deputy in deputies:
        deputy.unexcused_absences = len(deputy.missed)
    return deputies


def office_users():
    """The accounts told of what needs the office's action: the chairman and the staff."""
    return User.objects.filter(is_active=True, groups__name__in=[Role.CHAIRMAN, Role.STAFF]).distinct()


# --- the presidium ----------------------------------------------------------------------------

def presidium_of(term, *, day=None):
    """The presidium of `term`: members serving on `day` and those who have left (one query)."""
    day = day or today()
    memberships = list(
        PresidiumMembership.objects.filter(term=term).select_related("deputy")
        .annotate(rank=POSITION_ORDER).order_by("rank", "since", "deputy__name")
    )
    serving = [m for m in memberships if m.since <= day and (m.until is None or m.until >= day)]
    return {"serving": serving, "former": [m for m in memberships if m not in serving]}


# --- duty records (履职档案) ---------------------------------------------------------------------

def _attendance_at(kinds, start, end):
    return Attendance.objects.filter(
        status=PRESENT, meeting__kind__in=kinds, meeting__status=Meeting.Status.HELD,
        meeting__start_date__gte=start, meeting__start_date__lte=end,
    )


def attendance_counts(kinds, start, end):
    """{deputy_id: meetings of `kinds` held start..end that the deputy attended} (one query)."""
    rows = _attendance_at(kinds, start, end).order_by().values("deputy").annotate(n=Count("pk"))
    return {row["deputy"]: row["n"] for row in rows}


def attendance_count_query(kinds, start, end, deputies=None):
    """Rows (deputy, n) of attendance_counts, not evaluated; `deputies` narrows them."""
    rows = _attendance_at(kinds, start, end)
    if deputies is not None:
        rows = rows.filter(deputy__in=deputies)
    return rows.order_by().values("deputy").annotate(n=Count("pk"))


def attendance_line_query(kinds, deputy, start, end):
    from deputies.duty import line_values

    return line_values(_attendance_at(kinds, start, end).filter(deputy=deputy), date="meeting__start_date",
                       ref="meeting_id", text1="meeting__title", text2="meeting__kind",
                       number1="meeting__number", number2="meeting__term__number")


def attendance_line_row(row):
    from deputies.models import Term

    meeting = Meeting(pk=row["line_ref"], title=row["line_text1"], kind=row["line_text2"], number=row["line_number1"],
                      start_date=row["line_date"], term=Term(number=row["line_number2"]))
    return DutyLine(date=row["line_date"], text=str(meeting), url=reverse("congress:meeting_detail", args=[row["line_ref"]]))


def attendance_lines(deputy, kinds, start, end):
    """The meetings of `kinds` held start..end that `deputy` attended, as duty-record lines."""
    marks = _attendance_at(kinds, start, end).filter(deputy=deputy).select_related("meeting__term")
    return [
        DutyLine(date=mark.meeting.start_date, text=str(mark.meeting),
                 url=reverse("congress:meeting_detail", args=[mark.meeting_id]))
        for mark in marks.order_by("meeting__start_date", "meeting__pk")
    ]


def leave_requests_pending(*, day=None):
    """Leave requests staff have still to decide, for meetings not begun yet (one query)."""
    return list(
        NoticeReply.objects.filter(
            answer=NoticeReply.Answer.LEAVE, leave_decision=NoticeReply.LeaveDecision.PENDING,
            notice__meeting__status=Meeting.Status.PLANNED, notice__meeting__start_date__gte=day or today(),
        )
        .select_related("deputy", "notice__meeting__term")
        .order_by("notice__meeting__start_date", "deputy__name", "pk")
    )
