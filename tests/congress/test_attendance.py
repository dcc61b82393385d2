"""Recording attendance (签到): expected attendees only, one row per deputy, marks staff can change,
and the answers to the notice suggest the marks."""
import pytest

from congress import selectors, services
from congress.models import Attendance, Meeting, NoticeReply
from core.exceptions import ApplicationError
from core.roles import Role
from deputies.models import Mandate
from tests.factories import DeputyFactory, user_with_role

from .factories import NoticeFactory, NoticeReplyFactory, SessionFactory, session_with

pytestmark = pytest.mark.django_db
PRESENT, ON_LEAVE, ABSENT = Attendance.Status.PRESENT, Attendance.Status.ON_LEAVE, Attendance.Status.ABSENT


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF)


def record(meeting, marks, staff):
    return services.attendance_record(meeting=meeting, marks=marks, actor=staff)


def test_marks_are_recorded_for_each_deputy_once(staff):
    session, deputies = session_with(in_office=3, present=0)
    marks = {deputies[0].pk: PRESENT, deputies[1].pk: ON_LEAVE, deputies[2].pk: ABSENT}
    assert record(session, marks, staff) == 3
    assert record(session, marks, staff) == 0  # the same marks again change nothing
    assert Attendance.objects.filter(meeting=session).count() == 3
    assert selectors.meeting_quorum(session).present == 1


def test_staff_can_change_a_mark_and_the_row_says_who_did(staff):
    session, deputies = session_with(in_office=2, present=0)
    record(session, {deputies[0].pk: ABSENT}, staff)
    chairman = user_with_role(Role.CHAIRMAN)
    assert record(session, {deputies[0].pk: PRESENT}, chairman) == 1
    row = Attendance.objects.get(meeting=session, deputy=deputies[0])
    assert (row.status, row.recorded_by) == (PRESENT, chairman)


def test_recording_some_marks_leaves_the_others_as_they_were(staff):
    session, deputies = session_with(in_office=2, present=0)
    record(session, {deputies[0].pk: ABSENT}, staff)
    record(session, {deputies[1].pk: PRESENT}, staff)
    assert dict(Attendance.objects.values_list("deputy", "status")) == {deputies[0].pk: ABSENT, deputies[1].pk: PRESENT}


def test_only_expected_deputies_can_be_marked(staff):
    session, _ = session_with(in_office=1, present=0)
    gone = DeputyFactory(in_office__status=Mandate.Status.DECEASED, in_office__ended_on=session.start_date)
    with pytest.raises(ApplicationError, match="Only the deputies expected"):
        record(session, {gone.pk: PRESENT}, staff)
    assert not Attendance.objects.exists()


def test_a_mark_must_be_present_on_leave_or_absent(staff):
    session, deputies = session_with(in_office=1, present=0)
    with pytest.raises(ApplicationError):
        record(session, {deputies[0].pk: "late"}, staff)


def test_a_cancelled_meeting_has_no_attendance(staff):
    session, deputies = session_with(in_office=1, present=0, status=Meeting.Status.CANCELLED)
    with pytest.raises(ApplicationError, match="cancelled"):
        record(session, {deputies[0].pk: PRESENT}, staff)


def test_attendance_waits_for_the_meetings_first_day(staff, current_term, tomorrow):
    session, deputies = session_with(in_office=1, present=0, term=current_term, start_date=tomorrow)
    with pytest.raises(ApplicationError, match="first day"):
        record(session, {deputies[0].pk: PRESENT}, staff)


def test_a_held_meeting_keeps_its_quorum(staff):
    session, deputies = session_with(in_office=3, present=3)
    services.meeting_mark_held(meeting=session, actor=staff)
    with pytest.raises(ApplicationError, match="without one"):
        record(session, {deputies[0].pk: ABSENT, deputies[1].pk: ABSENT}, staff)
    assert selectors.meeting_quorum(session).present == 3
    assert record(session, {deputies[0].pk: ON_LEAVE}, staff) == 1


def test_a_presidium_member_cannot_record_attendance():
    session, deputies = session_with(in_office=1, present=0)
    with pytest.raises(ApplicationError):
        record(session, {deputies[0].pk: PRESENT}, user_with_role(Role.PRESIDIUM_MEMBER))


def test_approved_leave_suggests_on_leave_and_attend_suggests_present():
    session, deputies = session_with(in_office=5, present=0)
    notice = NoticeFactory(meeting=session)
    Answer, Decision = NoticeReply.Answer, NoticeReply.LeaveDecision
    NoticeReplyFactory(notice=notice, deputy=deputies[0], answer=Answer.ATTEND)
    NoticeReplyFactory(notice=notice, deputy=deputies[1], answer=Answer.LEAVE, leave_reason="住院",
                       leave_decision=Decision.APPROVED)
    NoticeReplyFactory(notice=notice, deputy=deputies[2], answer=Answer.LEAVE, leave_reason="外出",
                       leave_decision=Decision.PENDING)
    NoticeReplyFactory(notice=notice, deputy=deputies[3], answer=Answer.LEAVE, leave_reason="外出",
                       leave_decision=Decision.REFUSED)
    NoticeReplyFactory(notice=notice, deputy=deputies[4])
    assert selectors.attendance_prefill(session) == {deputies[0].pk: PRESENT, deputies[1].pk: ON_LEAVE}


def test_the_sheet_shows_every_expected_deputy_with_the_mark_or_else_the_suggestion(staff):
    session, deputies = session_with(in_office=3, present=0)
    notice = NoticeFactory(meeting=session)
    NoticeReplyFactory(notice=notice, deputy=deputies[0], answer=NoticeReply.Answer.ATTEND)
    NoticeReplyFactory(notice=notice, deputy=deputies[1], answer=NoticeReply.Answer.ATTEND)
    record(session, {deputies[1].pk: ABSENT}, staff)
    rows = {row.deputy.pk: row for row in selectors.attendance_sheet(session)}
    assert set(rows) == {deputy.pk for deputy in deputies}
    assert (rows[deputies[0].pk].status, rows[deputies[0].pk].initial) == ("", PRESENT)
    assert (rows[deputies[1].pk].status, rows[deputies[1].pk].initial) == (ABSENT, ABSENT)
    assert rows[deputies[2].pk].initial == ""


def test_the_sheet_takes_the_same_queries_for_3_or_40_deputies(django_assert_num_queries):
    session, _ = session_with(in_office=3, present=3)
    NoticeFactory(meeting=session)
    with django_assert_num_queries(4):
        selectors.attendance_sheet(session)
    SessionFactory()  # another meeting does not matter
    big, deputies = session_with(in_office=40, present=20)
    notice = NoticeFactory(meeting=big)
    for deputy in deputies:
        NoticeReplyFactory(notice=notice, deputy=deputy)
    with django_assert_num_queries(4):
        selectors.attendance_sheet(big)
