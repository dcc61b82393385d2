"""Who is expected at a meeting and the quorum panel: drawn from the roster of the meeting's first day."""
import datetime

import pytest

from congress import selectors
from congress.models import Attendance, Meeting, PresidiumMembership
from deputies.models import Mandate
from tests.factories import DeputyFactory

from .factories import PresidiumMembershipFactory, SessionFactory, mark, session_with

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 10)


def quorum(meeting):
    return selectors.meeting_quorum(meeting)


def test_51_in_office_and_34_present_make_a_quorum():
    session, _ = session_with(in_office=51, present=34)
    figures = quorum(session)
    assert (figures.in_office, figures.present, figures.required, figures.met) == (51, 34, 34, True)


def test_51_in_office_and_33_present_do_not():
    session, _ = session_with(in_office=51, present=33)
    assert not quorum(session).met
    assert quorum(session).short_by == 1


def test_50_in_office_33_present_is_no_quorum_and_34_is():
    session, deputies = session_with(in_office=50, present=33)
    assert (quorum(session).required, quorum(session).met) == (34, False)
    mark(session, deputies[33:34])
    assert quorum(session).met


def test_a_deputy_whose_mandate_ended_before_the_session_counts_in_neither_figure():
    session, _ = session_with(in_office=3, present=2)
    DeputyFactory(in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=DAY - datetime.timedelta(days=1))
    figures = quorum(session)
    assert (figures.in_office, figures.present) == (3, 2)


def test_a_mandate_ending_on_the_session_day_is_not_in_office_that_day():
    session = SessionFactory(start_date=DAY)
    DeputyFactory(in_office__status=Mandate.Status.TRANSFERRED, in_office__ended_on=DAY)
    assert quorum(session).in_office == 0


def test_a_deputy_by_elected_after_the_session_date_does_not_count():
    session, _ = session_with(in_office=3, present=3)
    DeputyFactory(in_office__election=Mandate.Election.BY_ELECTION,
                  in_office__elected_on=DAY + datetime.timedelta(days=1))
    assert quorum(session).in_office == 3


def test_a_deputy_by_elected_on_the_session_day_counts():
    session, _ = session_with(in_office=3, present=3)
    DeputyFactory(in_office__election=Mandate.Election.BY_ELECTION, in_office__elected_on=DAY)
    assert quorum(session).in_office == 4


def test_a_deputy_of_another_term_or_level_is_not_expected():
    session, _ = session_with(in_office=2, present=2)
    DeputyFactory(in_office__level=Mandate.Level.COUNTY, in_office__term=None)
    assert quorum(session).in_office == 2


def test_the_panel_counts_leave_absence_and_those_not_marked_yet():
    session, _ = session_with(in_office=10, present=6, on_leave=2, absent=1)
    figures = quorum(session)
    assert (figures.present, figures.on_leave, figures.absent, figures.unrecorded) == (6, 2, 1, 1)
    assert figures.required == 7 and not figures.met


def test_marks_at_another_meeting_do_not_count():
    session, deputies = session_with(in_office=3, present=1)
    other = SessionFactory(start_date=DAY + datetime.timedelta(days=1), term=session.term)
    mark(other, deputies[1:], Attendance.Status.ABSENT)
    figures = quorum(session)
    assert (figures.in_office, figures.present, figures.absent, figures.unrecorded) == (3, 1, 0, 2)


def test_the_quorum_panel_takes_one_query(django_assert_num_queries):
    session, _ = session_with(in_office=40, present=30, on_leave=5, absent=5)
    with django_assert_num_queries(1):
        quorum(session)


def test_a_presidium_meeting_expects_the_members_serving_that_day():
    term_members = PresidiumMembershipFactory.create_batch(4)
    left = PresidiumMembershipFactory(until=DAY - datetime.timedelta(days=1))
    later = PresidiumMembershipFactory(since=DAY + datetime.timedelta(days=1))
    meeting = SessionFactory(kind=Meeting.Kind.PRESIDIUM, number=None)
    expected = set(selectors.expected_attendees(meeting))
    assert expected == {membership.deputy for membership in term_members}
    assert left.deputy not in expected and later.deputy not in expected


def test_a_member_serving_until_the_meeting_day_is_still_expected():
    membership = PresidiumMembershipFactory(until=DAY)
    meeting = SessionFactory(kind=Meeting.Kind.PRESIDIUM, number=None)
    assert list(selectors.expected_attendees(meeting)) == [membership.deputy]


def test_a_presidium_member_whose_mandate_ended_has_left_the_presidium_too():
    gone = DeputyFactory(in_office__status=Mandate.Status.RESIGNED,
                         in_office__ended_on=DAY - datetime.timedelta(days=5))
    PresidiumMembershipFactory(deputy=gone)
    meeting = SessionFactory(kind=Meeting.Kind.PRESIDIUM, number=None)
    assert list(selectors.expected_attendees(meeting)) == []


def test_the_presidium_quorum_is_two_thirds_of_its_members():
    members = [membership.deputy for membership in PresidiumMembershipFactory.create_batch(5)]
    meeting = SessionFactory(kind=Meeting.Kind.PRESIDIUM, number=None)
    mark(meeting, members[:3])
    assert (quorum(meeting).required, quorum(meeting).met) == (4, False)
    mark(meeting, members[3:4])
    assert quorum(meeting).met


def test_a_chairmans_meeting_expects_only_the_chairman_and_vice_chairmen():
    chairman = PresidiumMembershipFactory(position=PresidiumMembership.Position.CHAIRMAN)
    vice = PresidiumMembershipFactory(position=PresidiumMembership.Position.VICE_CHAIRMAN)
    PresidiumMembershipFactory(position=PresidiumMembership.Position.MEMBER)
    meeting = SessionFactory(kind=Meeting.Kind.PRESIDIUM_MEMBERS, number=None)
    assert set(selectors.expected_attendees(meeting)) == {chairman.deputy, vice.deputy}


def test_the_meeting_list_counts_those_expected_on_each_meetings_day():
    session, deputies = session_with(in_office=5, present=4)
    DeputyFactory(in_office__elected_on=DAY + datetime.timedelta(days=1))  # by-elected later
    PresidiumMembershipFactory.create_batch(3, deputy__in_office=True)
    presidium = SessionFactory(kind=Meeting.Kind.PRESIDIUM, number=None)
    rows = {meeting.pk: meeting for meeting in selectors.meetings_for_list(year=2026)}
    # 5 + the 3 presidium members are deputies in office on the day; the later by-elected one is not.
    assert (rows[session.pk].expected_count, rows[session.pk].present_count) == (8, 4)
    assert rows[session.pk].expected_count == quorum(session).in_office
    assert rows[presidium.pk].expected_count == 3
    assert rows[presidium.pk].expected_count == quorum(presidium).in_office


def test_attendance_status_must_be_one_of_the_three():
    from django.db import IntegrityError

    session = SessionFactory()
    with pytest.raises(IntegrityError):
        Attendance.objects.create(meeting=session, deputy=DeputyFactory(), status="late")
