"""The absence rule (代表法 Art. 62): a deputy absent without approved leave from two sessions of the
term is flagged to the chairman and staff, once."""
import datetime

import pytest

from congress import selectors, services
from congress.models import AbsenceFlag, Attendance, Meeting, NoticeReply
from core.models import Notification
from core.roles import Role
from deputies.models import Mandate
from tests.factories import DeputyFactory, TermFactory, user_with_role

from .factories import NoticeFactory, NoticeReplyFactory, SessionFactory, mark

pytestmark = pytest.mark.django_db
ABSENT, ON_LEAVE, PRESENT = Attendance.Status.ABSENT, Attendance.Status.ON_LEAVE, Attendance.Status.PRESENT
FIRST, SECOND, THIRD = datetime.date(2026, 1, 8), datetime.date(2026, 8, 27), datetime.date(2026, 9, 15)


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF)


@pytest.fixture
def deputy(db):
    return DeputyFactory(name="曾凡荣")


def held_session(day, **kwargs):
    return SessionFactory(start_date=day, status=Meeting.Status.HELD, **kwargs)


def absent_twice(term=None):
    return selectors.deputies_absent_twice(term or TermFactory())


def test_two_unapproved_absences_at_sessions_flag_the_deputy(deputy):
    for day in (FIRST, SECOND):
        mark(held_session(day), [deputy], ABSENT)
    flagged = absent_twice()
    assert flagged == [deputy]
    assert flagged[0].unexcused_absences == 2
    assert [absence.meeting.start_date for absence in flagged[0].missed] == [FIRST, SECOND]


def test_without_the_missed_sessions_the_same_deputies_are_named(deputy):
    mark(held_session(FIRST), [deputy, DeputyFactory(name="谢金花")], ABSENT)
    mark(held_session(SECOND), [deputy], ABSENT)
    named = selectors.deputies_absent_twice(TermFactory(), with_missed=False)
    assert named == absent_twice() == [deputy]
    assert named[0].name == "曾凡荣"


def test_one_absence_is_not_enough(deputy):
    mark(held_session(FIRST), [deputy], ABSENT)
    mark(held_session(SECOND), [deputy], PRESENT)
    assert absent_twice() == []


def test_leave_approved_in_reply_to_the_notice_does_not_count_even_if_marked_absent(deputy):
    first, second = held_session(FIRST), held_session(SECOND)
    mark(first, [deputy], ABSENT)
    mark(second, [deputy], ABSENT)
    NoticeReplyFactory(notice=NoticeFactory(meeting=second), deputy=deputy, answer=NoticeReply.Answer.LEAVE,
                       leave_reason="住院", leave_decision=NoticeReply.LeaveDecision.APPROVED)
    assert absent_twice() == []


def test_leave_refused_does_count(deputy):
    first, second = held_session(FIRST), held_session(SECOND)
    mark(first, [deputy], ABSENT)
    mark(second, [deputy], ABSENT)
    NoticeReplyFactory(notice=NoticeFactory(meeting=second), deputy=deputy, answer=NoticeReply.Answer.LEAVE,
                       leave_reason="走亲戚", leave_decision=NoticeReply.LeaveDecision.REFUSED)
    assert absent_twice() == [deputy]


def test_being_on_leave_does_not_count(deputy):
    mark(held_session(FIRST), [deputy], ON_LEAVE)
    mark(held_session(SECOND), [deputy], ABSENT)
    assert absent_twice() == []


def test_presidium_meetings_do_not_count(deputy):
    mark(held_session(FIRST), [deputy], ABSENT)
    mark(held_session(SECOND, kind=Meeting.Kind.PRESIDIUM, number=None), [deputy], ABSENT)
    assert absent_twice() == []


def test_sessions_not_held_do_not_count(deputy):
    mark(held_session(FIRST), [deputy], ABSENT)
    mark(SessionFactory(start_date=SECOND, status=Meeting.Status.CANCELLED), [deputy], ABSENT)
    assert absent_twice() == []


def test_sessions_of_another_term_do_not_count(deputy):
    older = TermFactory(number=10, start_date=datetime.date(2016, 11, 1), end_date=datetime.date(2021, 11, 25))
    mark(held_session(datetime.date(2020, 1, 8), term=older), [deputy], ABSENT)
    mark(held_session(SECOND), [deputy], ABSENT)
    assert absent_twice() == []


def test_a_deputy_no_longer_in_office_is_not_listed(deputy):
    mark(held_session(FIRST), [deputy], ABSENT)
    mark(held_session(SECOND), [deputy], ABSENT)
    deputy.mandates.update(status=Mandate.Status.RECALLED, ended_on=THIRD)
    assert selectors.deputies_absent_twice(TermFactory(), day=THIRD) == []


def test_staff_and_chairman_are_told_when_a_session_is_marked_held_and_only_once(staff, deputy):
    chairman, member = user_with_role(Role.CHAIRMAN), user_with_role(Role.PRESIDIUM_MEMBER)
    mark(held_session(FIRST), [deputy], ABSENT)
    second = SessionFactory(start_date=SECOND)
    others = DeputyFactory.create_batch(3)
    mark(second, others)
    mark(second, [deputy], ABSENT)
    services.meeting_mark_held(meeting=second, actor=staff)
    services.absence_rule_check(term=second.term)  # again: nobody is told twice
    told = Notification.objects.filter(kind="congress.absence_rule")
    assert sorted(message.recipient.pk for message in told) == sorted([staff.pk, chairman.pk])
    assert not told.filter(recipient=member).exists()
    assert AbsenceFlag.objects.get().deputy == deputy


def test_correcting_attendance_of_a_held_session_runs_the_rule(staff, deputy):
    mark(held_session(FIRST), [deputy], ABSENT)
    second = held_session(SECOND)
    mark(second, DeputyFactory.create_batch(3))
    mark(second, [deputy], PRESENT)
    services.attendance_record(meeting=second, marks={deputy.pk: ABSENT}, actor=staff)
    assert [flag.deputy for flag in services.absence_rule_check(term=second.term)] == []  # already flagged
    assert AbsenceFlag.objects.filter(deputy=deputy, absences=2).exists()
    assert Notification.objects.filter(kind="congress.absence_rule", recipient=staff).count() == 1


def test_the_list_takes_two_queries_for_one_or_many_deputies(django_assert_num_queries):
    term = TermFactory()
    sessions, one = [held_session(FIRST), held_session(SECOND)], DeputyFactory()
    for session in sessions:
        mark(session, [one], ABSENT)
    with django_assert_num_queries(2):
        assert len(selectors.deputies_absent_twice(term)) == 1
    many = DeputyFactory.create_batch(15)
    for session in sessions:
        mark(session, many, ABSENT)
    with django_assert_num_queries(2):
        assert len(selectors.deputies_absent_twice(term)) == 16
