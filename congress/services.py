"""Every write to congress records: meetings and their agenda, attendance, votes, notices and the
presidium. Each service checks its rule, changes the rows in one transaction and raises
ApplicationError with a message for the user when the rule refuses.

Rows two staff may touch at once (a meeting's attendance, an item's vote, a reply) are locked with
select_for_update first, so the second waits and then sees the first one's work.
"""
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.exceptions import ApplicationError
from core.files import upload_check
from core.services import notification_send
from deputies.models import Term
from deputies.selectors import deputies_in_office

from . import rules, selectors
from .models import AbsenceFlag, AgendaItem, Attendance, Meeting, MeetingNotice, NoticeReply, PresidiumMembership, Vote

MEETING_FIELDS = ("term", "kind", "number", "extraordinary", "title", "start_date", "end_date", "place", "convener",
                  "agenda_summary", "minutes", "minutes_file")
# What a meeting keeps once attendance is recorded: its roster is drawn from these.
ROSTER_FIELDS = ("term", "kind", "start_date")
AGENDA_FIELDS = ("order", "kind", "title", "document", "notes")


def _check_upload(upload, *, field):
    """Minutes and agenda documents follow the portal's upload rules (core.files.upload_check: PDF,
    photo or Word, at most 10 MB, really of its type); a file already stored is not checked again."""
    if upload and not isinstance(upload, FieldFile):
        upload_check(upload, field=field)


def _require_office(actor):
    if not actor.is_office:
        raise ApplicationError(_("Only the chairman and the office staff may do this."))


def _day(value):
    return date_format(value, "DATE_FORMAT")


def _locked_meeting(meeting):
    return Meeting.objects.select_for_update().select_related("term").get(pk=meeting.pk)


# --- meetings ---------------------------------------------------------------------------------

def _check_meeting(meeting):
    """The rules of a meeting's own fields: dates inside its term, a session numbered, and a
    number used once per kind within the term."""
    term = meeting.term
    if meeting.end_date < meeting.start_date:
        raise ApplicationError(_("The meeting cannot end before it begins."), field="end_date")
    if not term.start_date <= meeting.start_date <= term.end_date:
        raise ApplicationError(
            _("%(term)s runs from %(start)s to %(end)s: the meeting must begin within it.")
            % {"term": term, "start": _day(term.start_date), "end": _day(term.end_date)},
            field="start_date",
        )
    if meeting.kind == Meeting.Kind.SESSION and not meeting.number:
        raise ApplicationError(_("A session needs its number within the term."), field="number")
    if meeting.number and Meeting.objects.filter(term=term, kind=meeting.kind, number=meeting.number).exclude(
        pk=meeting.pk
    ).exists():
        raise ApplicationError(
            _("%(term)s already has a %(kind)s numbered %(number)d.")
            % {"term": term, "kind": meeting.get_kind_display(), "number": meeting.number},
            field="number",
        )


def _save_meeting(meeting, **kwargs):
    try:
        with transaction.atomic():
            meeting.save(**kwargs)
    except IntegrityError:
        # Two staff numbered two meetings alike at the same moment: the database kept one.
        raise ApplicationError(_("This number was just taken by another meeting. Please check it."), field="number")


def meeting_create(*, term, kind, start_date, end_date, actor, number=None, extraordinary=False, title="", place="",
                   convener="", agenda_summary="", minutes="", minutes_file=None):
    """Plan a meeting. A session (人民代表大会会议) is numbered within its term (第二次会议); when no
    number is given the next one is taken. Every meeting begins within its term."""
    _require_office(actor)
    _check_upload(minutes_file, field="minutes_file")
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)  # numbering waits its turn
        if kind == Meeting.Kind.SESSION and not number:
            number = selectors.next_meeting_number(term, kind)
        meeting = Meeting(
            term=term, kind=kind, number=number or None, extraordinary=extraordinary, title=title,
            start_date=start_date, end_date=end_date, place=place, convener=convener,
            agenda_summary=agenda_summary, minutes=minutes, minutes_file=minutes_file or "",
        )
        _check_meeting(meeting)
        _save_meeting(meeting)
    return meeting


def meeting_update(*, meeting, actor, **changes):
    """Change a meeting's details. Once attendance is recorded its term, kind and first day stay
    as they are: the expected attendees and the quorum were drawn from them."""
    _require_office(actor)
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"meeting_update cannot change {sorted(unknown)}")
    _check_upload(changes.get("minutes_file"), field="minutes_file")
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        moved = [name for name in ROSTER_FIELDS if name in changes and changes[name] != getattr(meeting, name)]
        if moved and meeting.attendance.exists():
            raise ApplicationError(
                _("Attendance has been recorded: the term, the kind and the first day can no longer change.")
            )
        for name, value in changes.items():
            setattr(meeting, name, value)
        if meeting.kind != Meeting.Kind.SESSION and "number" in changes and not changes["number"]:
            meeting.number = None
        _check_meeting(meeting)
        _save_meeting(meeting)
    return meeting


def meeting_mark_held(*, meeting, actor):
    """Record that the meeting took place. Every expected attendee must be marked and the quorum
    met (组织法 Art. 15: 有三分之二以上的代表出席，始得举行; two thirds of the presidium for its own
    meetings). A held session is then checked against the absence rule (代表法 Art. 62)."""
    _require_office(actor)
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.status == Meeting.Status.HELD:
            return meeting
        if meeting.status == Meeting.Status.CANCELLED:
            raise ApplicationError(_("A cancelled meeting cannot be marked as held."))
        if meeting.start_date > selectors.today():
            raise ApplicationError(_("The meeting has not begun yet."))
        quorum = selectors.meeting_quorum(meeting)
        if quorum.unrecorded:
            raise ApplicationError(
                _("%(count)d of the expected attendees have no attendance mark yet: record them first.")
                % {"count": quorum.unrecorded}
            )
        if not quorum.met:
            raise ApplicationError(_quorum_message(quorum))
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
        if meeting.is_session:
            absence_rule_check(term=meeting.term)
    return meeting


def meeting_cancel(*, meeting, actor):
    """Call a planned meeting off; a held meeting stays on the record."""
    _require_office(actor)
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.status == Meeting.Status.HELD:
            raise ApplicationError(_("The meeting has been held: it cannot be cancelled."))
        meeting.status = Meeting.Status.CANCELLED
        meeting.save(update_fields=["status"])
    return meeting


def _quorum_message(quorum):
    if quorum.is_session:
        return _("The session does not have a quorum (%(present)d present, %(required)d needed): "
                 "no vote can be taken.") % {"present": quorum.present, "required": quorum.required}
    return _("The meeting does not have a quorum (%(present)d present, %(required)d needed).") % {
        "present": quorum.present, "required": quorum.required}


# --- agenda -----------------------------------------------------------------------------------

def agenda_item_add(*, meeting, kind, title, actor, notes="", document=None, order=None):
    """Add an item to the meeting's agenda, after the last one unless an order is given."""
    _require_office(actor)
    _check_upload(document, field="document")
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if order is None:
            last = meeting.agenda.order_by("-order").values_list("order", flat=True).first()
            order = (last or 0) + 1
        return AgendaItem.objects.create(meeting=meeting, kind=kind, title=title, notes=notes,
                                         document=document or "", order=order)


def agenda_item_update(*, item, actor, **changes):
    """Change an agenda item. An item whose vote is recorded stays a voted kind."""
    _require_office(actor)
    unknown = set(changes) - set(AGENDA_FIELDS)
    if unknown:
        raise ValueError(f"agenda_item_update cannot change {sorted(unknown)}")
    _check_upload(changes.get("document"), field="document")
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if changes.get("kind", item.kind) not in AgendaItem.VOTED_KINDS and Vote.objects.filter(
            agenda_item=item
        ).exists():
            raise ApplicationError(_("A vote is recorded on this item: it must stay an item put to the vote."),
                                   field="kind")
        for name, value in changes.items():
            setattr(item, name, value)
        item.save()
    return item


def agenda_item_remove(*, item, actor):
    """Take an item off the agenda; an item whose vote is recorded stays on the record."""
    _require_office(actor)
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if Vote.objects.filter(agenda_item=item).exists():
            raise ApplicationError(_("A vote is recorded on this item: it cannot be removed."))
        item.delete()


# --- attendance -------------------------------------------------------------------------------

def attendance_record(*, meeting, marks, actor):
    """Record 签到 marks {deputy_id: present | on_leave | absent} for expected attendees only.

    Recording again changes a mark and leaves the others alone (one row per meeting and deputy,
    kept unique by the database). A held meeting keeps its quorum. After a held session's marks
    change, the absence rule is checked (代表法 Art. 62). Returns the number of marks changed.
    """
    _require_office(actor)
    valid = set(Attendance.Status.values)
    if any(status not in valid for status in marks.values()):
        raise ApplicationError(_("Choose present, on leave or absent."))
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.status == Meeting.Status.CANCELLED:
            raise ApplicationError(_("The meeting was cancelled: there is no attendance to record."))
        if meeting.start_date > selectors.today():
            raise ApplicationError(_("Attendance is recorded from the meeting's first day."))
        strangers = set(marks) - selectors.is_expected(meeting, marks)
        if strangers:
            raise ApplicationError(_("Only the deputies expected at the meeting can be marked."))
        existing = {row.deputy_id: row for row in Attendance.objects.select_for_update().filter(
            meeting=meeting, deputy_id__in=marks)}
        now = timezone.now()
        created = [Attendance(meeting=meeting, deputy_id=deputy_id, status=status, recorded_by=actor)
                   for deputy_id, status in marks.items() if deputy_id not in existing]
        changed = []
        for deputy_id, row in existing.items():
            if row.status != marks[deputy_id]:
                row.status, row.recorded_by, row.recorded_at = marks[deputy_id], actor, now
                changed.append(row)
        bulk_create_with_history(created, Attendance, default_user=actor)
        bulk_update_with_history(changed, Attendance, ["status", "recorded_by", "recorded_at"], default_user=actor)
        if meeting.status == Meeting.Status.HELD and (created or changed):
            quorum = selectors.meeting_quorum(meeting)
            if not quorum.met:
                raise ApplicationError(_("The meeting was held with a quorum: these marks would leave it without one."))
            if meeting.is_session:
                absence_rule_check(term=meeting.term)
    return len(created) + len(changed)


# --- votes ------------------------------------------------------------------------------------

def vote_record(*, agenda_item, votes_for, votes_against, abstentions, actor, adopted_text=""):
    """Record the 表决 on an election, a dismissal or a resolution of a session.

    Refused when the session has no quorum (组织法 Art. 15) or when more ballots are counted than
    deputies are present. The item passes with more than half of ALL deputies in office on the
    session's first day (组织法 Art. 25: 以全体代表的过半数通过), not of those present; both figures
    are kept on the vote. Recording again replaces the figures and notes who did it and when.
    """
    _require_office(actor)
    if min(votes_for, votes_against, abstentions) < 0:
        raise ApplicationError(_("Votes cannot be negative."))
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("meeting__term").get(pk=agenda_item.pk)
        meeting = _locked_meeting(item.meeting)
        if meeting.kind != Meeting.Kind.SESSION:
            raise ApplicationError(_("Only a session of the people's congress votes."))
        if not item.is_voted:
            raise ApplicationError(_("This item is not put to the vote: only elections, dismissals and "
                                     "resolutions are."))
        if meeting.status == Meeting.Status.CANCELLED:
            raise ApplicationError(_("The meeting was cancelled."))
        if meeting.start_date > selectors.today():
            raise ApplicationError(_("The session has not begun yet."))
        quorum = selectors.meeting_quorum(meeting)
        if not quorum.met:
            raise ApplicationError(_quorum_message(quorum))
        ballots = votes_for + votes_against + abstentions
        if ballots > quorum.present:
            raise ApplicationError(
                _("%(ballots)d votes were counted but only %(present)d deputies are present.")
                % {"ballots": ballots, "present": quorum.present}
            )
        vote, _created = Vote.objects.update_or_create(agenda_item=item, defaults={
            "votes_for": votes_for, "votes_against": votes_against, "abstentions": abstentions,
            "deputies_in_office": quorum.in_office, "deputies_present": quorum.present,
            "passed": rules.passes(votes_for, quorum.in_office), "adopted_text": adopted_text,
            "recorded_by": actor,
        })
    return vote


# --- notices ----------------------------------------------------------------------------------

def notice_send(*, meeting, message, actor, reply_by=None):
    """Send a 会议通知 to everybody expected at the meeting; each answers attend or asks for leave.

    Each deputy with an account gets it in the inbox (and by e-mail and text message), with a link
    to their own reply page. A later notice of the same meeting carries the answers already given.
    """
    _require_office(actor)
    today = selectors.today()
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.status != Meeting.Status.PLANNED:
            raise ApplicationError(_("Notices are sent for planned meetings only."))
        if meeting.start_date < today:
            raise ApplicationError(_("The meeting has already begun."))
        if reply_by and not today <= reply_by <= meeting.start_date:
            raise ApplicationError(_("The reply date must fall between today and the meeting's first day."),
                                   field="reply_by")
        attendees = list(selectors.expected_attendees(meeting).select_related("user"))
        if not attendees:
            raise ApplicationError(_("Nobody is expected at this meeting. For a presidium meeting, enter the "
                                     "presidium of the term first."))
        earlier = selectors.latest_notice(meeting)
        answers = {reply.deputy_id: reply for reply in earlier.replies.all()} if earlier else {}
        notice = MeetingNotice.objects.create(meeting=meeting, message=message, reply_by=reply_by, sent_by=actor)
        replies = bulk_create_with_history([_carried_reply(notice, deputy, answers.get(deputy.pk))
                                            for deputy in attendees], NoticeReply, default_user=actor)
        subject = _("Meeting notice: %(meeting)s, %(date)s") % {"meeting": meeting, "date": _day(meeting.start_date)}
        for deputy, reply in zip(attendees, replies):
            if deputy.user_id:
                notification_send(recipients=[deputy.user], subject=subject, body=message,
                                  link=reverse("congress:notice_reply", args=[reply.pk]), kind="congress.notice")
    return notice


def _carried_reply(notice, deputy, earlier):
    reply = NoticeReply(notice=notice, deputy=deputy)
    if earlier is not None:
        for name in ("answer", "leave_reason", "leave_decision", "answered_at", "decided_by", "decided_at"):
            setattr(reply, name, getattr(earlier, name))
    return reply


def notice_reply(*, reply, answer, actor, leave_reason=""):
    """A deputy answers their own notice: attend, or ask for leave (请假) giving the reason. A
    request for leave waits for the office's decision, and the office is told."""
    if answer not in (NoticeReply.Answer.ATTEND, NoticeReply.Answer.LEAVE):
        raise ApplicationError(_("Choose to attend or to ask for leave."))
    leave_reason = leave_reason.strip()
    if answer == NoticeReply.Answer.LEAVE and not leave_reason:
        raise ApplicationError(_("Please say why you cannot attend."), field="leave_reason")
    with transaction.atomic():
        reply = NoticeReply.objects.select_for_update().select_related("notice__meeting", "deputy").get(pk=reply.pk)
        if reply.deputy.user_id != actor.pk:
            raise ApplicationError(_("This notice was sent to another deputy."))
        meeting = reply.notice.meeting
        if selectors.latest_notice(meeting).pk != reply.notice_id:
            raise ApplicationError(_("A newer notice of this meeting has been sent: please answer that one."))
        if meeting.status != Meeting.Status.PLANNED or meeting.start_date < selectors.today():
            raise ApplicationError(_("The meeting has begun or is over: answers are closed."))
        if answer == NoticeReply.Answer.ATTEND:
            leave_reason = ""
        if (reply.answer, reply.leave_reason) == (answer, leave_reason):
            return reply  # the same answer twice: nothing changes and nobody is told again
        reply.answer, reply.leave_reason, reply.answered_at = answer, leave_reason, timezone.now()
        reply.leave_decision = NoticeReply.LeaveDecision.PENDING if answer == NoticeReply.Answer.LEAVE else ""
        reply.decided_by = reply.decided_at = None
        reply.save(update_fields=["answer", "leave_reason", "answered_at", "leave_decision", "decided_by",
                                  "decided_at"])
        if answer == NoticeReply.Answer.LEAVE:
            notification_send(
                recipients=selectors.office_users(),
                subject=_("%(deputy)s asks for leave from %(meeting)s") % {"deputy": reply.deputy, "meeting": meeting},
                body=_("Reason: %(reason)s") % {"reason": leave_reason},
                link=reverse("congress:notice_replies", args=[meeting.pk]), kind="congress.leave_request",
            )
    return reply


def notice_decide_leave(*, reply, approve, actor):
    """The office approves or refuses a request for leave; the deputy is told. Leave approved
    is not an absence under 代表法 Art. 62."""
    _require_office(actor)
    decision = NoticeReply.LeaveDecision.APPROVED if approve else NoticeReply.LeaveDecision.REFUSED
    with transaction.atomic():
        reply = NoticeReply.objects.select_for_update(of=("self",)).select_related(
            "notice__meeting", "deputy__user").get(pk=reply.pk)
        if reply.answer != NoticeReply.Answer.LEAVE:
            raise ApplicationError(_("Only a request for leave can be approved or refused."))
        if reply.leave_decision == decision:
            return reply
        reply.leave_decision, reply.decided_by, reply.decided_at = decision, actor, timezone.now()
        reply.save(update_fields=["leave_decision", "decided_by", "decided_at"])
        meeting = reply.notice.meeting
        if reply.deputy.user_id:
            subject = (_("Your leave from %(meeting)s is approved") if approve
                       else _("Your leave from %(meeting)s is refused: please attend")) % {"meeting": meeting}
            notification_send(recipients=[reply.deputy.user], subject=subject,
                              link=reverse("congress:notice_reply", args=[reply.pk]), kind="congress.leave_decision")
    return reply


# --- the absence rule -------------------------------------------------------------------------

def absence_rule_check(*, term):
    """Flag the deputies of `term` who have now missed two held sessions without approved leave
    (代表法 Art. 62: 未经批准两次不出席本级人民代表大会会议的，其代表资格终止) and tell the chairman
    and the staff — once per deputy and term, however often it runs. Returns the deputies newly
    flagged."""
    with transaction.atomic():
        Term.objects.select_for_update().filter(pk=term.pk).first()  # one check at a time per term
        flagged = selectors.deputies_absent_twice(term)
        known = set(AbsenceFlag.objects.filter(term=term).values_list("deputy_id", flat=True))
        new = [deputy for deputy in flagged if deputy.pk not in known]
        AbsenceFlag.objects.bulk_create(AbsenceFlag(term=term, deputy=deputy, absences=deputy.unexcused_absences)
                                        for deputy in new)
        office = list(selectors.office_users())
        for deputy in new:
            sessions = _(", ").join(str(mark.meeting) for mark in deputy.missed)
            notification_send(
                recipients=office,
                subject=_("%(deputy)s has missed two sessions without approved leave") % {"deputy": deputy},
                body=_("Sessions missed: %(sessions)s. Deputies Law Art. 62: a deputy who twice fails to attend "
                       "the congress without approval loses the mandate.") % {"sessions": sessions},
                link=reverse("congress:absence_list"), kind="congress.absence_rule",
            )
    return new


# --- the presidium ----------------------------------------------------------------------------

def presidium_member_add(*, term, deputy, position, since, actor):
    """Enter a deputy elected to the presidium (主席团) of the term. A presidium member is a deputy
    of the term in office that day; the presidium has one chairman at a time."""
    _require_office(actor)
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        if not term.start_date <= since <= term.end_date:
            raise ApplicationError(_("The date must fall within the term."), field="since")
        if not deputies_in_office(since, term=term).filter(pk=deputy.pk).exists():
            raise ApplicationError(_("%(deputy)s is not a deputy of this term in office on that day.")
                                   % {"deputy": deputy}, field="deputy")
        if PresidiumMembership.objects.filter(term=term, deputy=deputy).exists():
            raise ApplicationError(_("%(deputy)s is already in the presidium of this term.") % {"deputy": deputy},
                                   field="deputy")
        if position == PresidiumMembership.Position.CHAIRMAN and selectors.presidium_serving(
            since, term=term, positions=[position]
        ).exists():
            raise ApplicationError(_("The presidium already has a chairman on that day: end that membership first."),
                                   field="position")
        return PresidiumMembership.objects.create(term=term, deputy=deputy, position=position, since=since)


def presidium_member_end(*, membership, until, actor):
    """Record the last day of a presidium member's service."""
    _require_office(actor)
    with transaction.atomic():
        membership = PresidiumMembership.objects.select_for_update().select_related("term").get(pk=membership.pk)
        if until < membership.since or until > membership.term.end_date:
            raise ApplicationError(_("The last day must fall between the first day of service and the end of "
                                     "the term."), field="until")
        membership.until = until
        membership.save(update_fields=["until"])
    return membership
