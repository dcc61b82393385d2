"""Meeting notices (会议通知): sent to the deputies concerned, answered by each deputy for themselves,
leave decided by the office, and the answers carried to the attendance sheet."""
import datetime

import pytest
from django.urls import reverse

from congress import selectors, services
from congress.models import Attendance, Meeting, NoticeReply
from core.exceptions import ApplicationError
from core.models import Notification
from core.roles import Role
from tests.factories import DeputyFactory, user_with_role

from .factories import NoticeFactory, NoticeReplyFactory, PresidiumMembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db
Answer, Decision = NoticeReply.Answer, NoticeReply.LeaveDecision


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF)


@pytest.fixture
def coming_session(current_term, tomorrow):
    return SessionFactory(term=current_term, start_date=tomorrow + datetime.timedelta(days=10))


def deputy_in(term, **kwargs):
    return DeputyFactory(in_office__term=term, in_office__elected_on=term.start_date, **kwargs)


def deputy_with_login(term):
    user = user_with_role(Role.DEPUTY)
    return deputy_in(term, user=user, name=user.name)


def send(meeting, staff, **kwargs):
    return services.notice_send(meeting=meeting, message="定于下月召开会议，请回复。", actor=staff, **kwargs)


def test_a_notice_goes_to_every_deputy_expected_and_to_the_inbox_of_those_with_a_login(staff, coming_session):
    with_login = deputy_with_login(coming_session.term)
    without_login = deputy_in(coming_session.term)
    DeputyFactory()  # a deputy of another term is not concerned
    notice = send(coming_session, staff)
    assert {reply.deputy for reply in notice.replies.all()} == {with_login, without_login}
    reply = notice.replies.get(deputy=with_login)
    message = Notification.objects.get(recipient=with_login.user)
    assert message.link == reverse("congress:notice_reply", args=[reply.pk])
    assert message.kind == "congress.notice" and "定于下月召开会议" in message.body


def test_a_presidium_meeting_notice_goes_to_the_presidium_only(staff, current_term, tomorrow):
    member = PresidiumMembershipFactory(term=current_term, deputy=deputy_in(current_term)).deputy
    deputy_in(current_term)
    meeting = SessionFactory(term=current_term, kind=Meeting.Kind.PRESIDIUM, number=None, start_date=tomorrow)
    assert [reply.deputy for reply in send(meeting, staff).replies.all()] == [member]


def test_a_notice_with_nobody_to_receive_it_is_refused(staff, current_term, tomorrow):
    meeting = SessionFactory(term=current_term, kind=Meeting.Kind.PRESIDIUM, number=None, start_date=tomorrow)
    with pytest.raises(ApplicationError, match="Nobody is expected"):
        send(meeting, staff)


def test_no_notice_for_a_meeting_already_held_or_begun(staff):
    held = SessionFactory(status=Meeting.Status.HELD)
    with pytest.raises(ApplicationError):
        send(held, staff)
    with pytest.raises(ApplicationError, match="already begun"):
        send(SessionFactory(), staff)


def test_the_reply_date_falls_before_the_meeting(staff, coming_session):
    deputy_in(coming_session.term)
    with pytest.raises(ApplicationError) as refusal:
        send(coming_session, staff, reply_by=coming_session.start_date + datetime.timedelta(days=1))
    assert refusal.value.field == "reply_by"


def test_a_second_notice_keeps_the_answers_already_given(staff, coming_session):
    deputy = deputy_with_login(coming_session.term)
    first = send(coming_session, staff)
    services.notice_reply(reply=first.replies.get(), answer=Answer.LEAVE, leave_reason="外出务工", actor=deputy.user)
    second = send(coming_session, staff)
    carried = second.replies.get()
    assert (carried.answer, carried.leave_reason, carried.leave_decision) == (Answer.LEAVE, "外出务工", Decision.PENDING)
    assert selectors.latest_notice(coming_session) == second


def test_a_deputy_answers_attend(staff, coming_session):
    deputy = deputy_with_login(coming_session.term)
    reply = send(coming_session, staff).replies.get()
    reply = services.notice_reply(reply=reply, answer=Answer.ATTEND, actor=deputy.user)
    assert (reply.answer, reply.leave_decision) == (Answer.ATTEND, "")
    assert reply.answered_at is not None


def test_only_the_deputy_the_notice_was_sent_to_answers_it(staff, coming_session):
    deputy_with_login(coming_session.term)
    other = deputy_with_login(coming_session.term)
    notice = send(coming_session, staff)
    theirs = notice.replies.exclude(deputy=other).get()
    with pytest.raises(ApplicationError, match="another deputy"):
        services.notice_reply(reply=theirs, answer=Answer.ATTEND, actor=other.user)


def test_asking_for_leave_needs_a_reason(staff, coming_session):
    deputy = deputy_with_login(coming_session.term)
    reply = send(coming_session, staff).replies.get()
    with pytest.raises(ApplicationError) as refusal:
        services.notice_reply(reply=reply, answer=Answer.LEAVE, leave_reason="   ", actor=deputy.user)
    assert refusal.value.field == "leave_reason"


def test_a_request_for_leave_waits_for_the_office_which_is_told(staff, coming_session):
    chairman, member = user_with_role(Role.CHAIRMAN), user_with_role(Role.PRESIDIUM_MEMBER)
    deputy = deputy_with_login(coming_session.term)
    reply = send(coming_session, staff).replies.get()
    reply = services.notice_reply(reply=reply, answer=Answer.LEAVE, leave_reason="住院治疗", actor=deputy.user)
    assert reply.leave_decision == Decision.PENDING
    told = Notification.objects.filter(kind="congress.leave_request")
    assert {message.recipient for message in told} == {staff, chairman}
    assert not told.filter(recipient=member).exists()
    assert told.first().link == reverse("congress:notice_replies", args=[coming_session.pk])


def test_the_same_answer_twice_tells_the_office_once(staff, coming_session):
    deputy = deputy_with_login(coming_session.term)
    reply = send(coming_session, staff).replies.get()
    for _ in range(2):
        services.notice_reply(reply=reply, answer=Answer.LEAVE, leave_reason="住院治疗", actor=deputy.user)
    assert Notification.objects.filter(kind="congress.leave_request").count() == 1


def test_staff_approve_leave_the_deputy_is_told_and_the_sheet_suggests_on_leave(staff, coming_session):
    deputy = deputy_with_login(coming_session.term)
    reply = send(coming_session, staff).replies.get()
    services.notice_reply(reply=reply, answer=Answer.LEAVE, leave_reason="住院治疗", actor=deputy.user)
    reply = services.notice_decide_leave(reply=reply, approve=True, actor=staff)
    assert (reply.leave_decision, reply.decided_by) == (Decision.APPROVED, staff)
    assert Notification.objects.filter(recipient=deputy.user, kind="congress.leave_decision").exists()
    assert selectors.attendance_prefill(coming_session) == {deputy.pk: Attendance.Status.ON_LEAVE}


def test_refused_leave_suggests_nothing(staff, coming_session):
    deputy = deputy_with_login(coming_session.term)
    reply = send(coming_session, staff).replies.get()
    services.notice_reply(reply=reply, answer=Answer.LEAVE, leave_reason="走亲戚", actor=deputy.user)
    services.notice_decide_leave(reply=reply, approve=False, actor=staff)
    assert selectors.attendance_prefill(coming_session) == {}


def test_only_a_request_for_leave_is_decided_and_only_by_the_office(staff):
    reply = NoticeReplyFactory(answer=Answer.ATTEND)
    with pytest.raises(ApplicationError, match="Only a request for leave"):
        services.notice_decide_leave(reply=reply, approve=True, actor=staff)
    leave = NoticeReplyFactory(answer=Answer.LEAVE, leave_reason="病假", leave_decision=Decision.PENDING)
    with pytest.raises(ApplicationError):
        services.notice_decide_leave(reply=leave, approve=True, actor=user_with_role(Role.PRESIDIUM_MEMBER))


def test_changing_leave_to_attend_clears_the_request(staff, coming_session):
    deputy = deputy_with_login(coming_session.term)
    reply = send(coming_session, staff).replies.get()
    services.notice_reply(reply=reply, answer=Answer.LEAVE, leave_reason="住院治疗", actor=deputy.user)
    services.notice_decide_leave(reply=reply, approve=True, actor=staff)
    reply = services.notice_reply(reply=reply, answer=Answer.ATTEND, actor=deputy.user)
    assert (reply.leave_reason, reply.leave_decision, reply.decided_by) == ("", "", None)


def test_answers_close_when_the_meeting_begins():
    deputy = DeputyFactory(user=user_with_role(Role.DEPUTY))
    reply = NoticeReplyFactory(notice=NoticeFactory(meeting=SessionFactory()), deputy=deputy)
    with pytest.raises(ApplicationError, match="answers are closed"):
        services.notice_reply(reply=reply, answer=Answer.ATTEND, actor=deputy.user)


def test_an_older_notice_is_answered_through_the_newer_one(staff, coming_session):
    deputy = deputy_with_login(coming_session.term)
    old = send(coming_session, staff).replies.get()
    send(coming_session, staff)
    with pytest.raises(ApplicationError, match="newer notice"):
        services.notice_reply(reply=old, answer=Answer.ATTEND, actor=deputy.user)


def test_the_notices_a_deputy_still_has_to_answer(staff, coming_session):
    deputy = deputy_with_login(coming_session.term)
    send(coming_session, staff)
    send(coming_session, staff)  # the newer notice replaces the older: one to answer, not two
    assert [reply.notice.meeting for reply in selectors.pending_notice_replies(deputy)] == [coming_session]
    services.notice_reply(reply=selectors.pending_notice_replies(deputy)[0], answer=Answer.ATTEND,
                          actor=deputy.user)
    assert selectors.pending_notice_replies(deputy) == []


def test_the_database_refuses_leave_without_reason_or_a_decision_on_attend():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        NoticeReplyFactory(answer=Answer.LEAVE, leave_reason="", leave_decision=Decision.PENDING)
    with pytest.raises(IntegrityError), transaction.atomic():
        NoticeReplyFactory(answer=Answer.ATTEND, leave_decision=Decision.APPROVED)
