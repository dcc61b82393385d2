"""The dashboards show what the congress's records ask of each person."""
import datetime

import pytest
from django.utils import timezone

from congress.models import Attendance, Meeting, NoticeReply
from deputies.models import Deputy, ReportToVoters
from tests.congress.factories import NoticeFactory, NoticeReplyFactory, PresidiumMeetingFactory, SessionFactory, mark
from tests.factories import DeputyFactory, TermFactory

from .test_dashboard import dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned_session():
    day = timezone.localdate() + datetime.timedelta(days=10)
    return SessionFactory(number=7, start_date=day, status=Meeting.Status.PLANNED)


def test_staff_see_leave_requests_waiting_for_a_decision(english, staff_user, planned_session):
    deputy = DeputyFactory(name="马永福")
    NoticeReplyFactory(notice=NoticeFactory(meeting=planned_session), deputy=deputy,
                       answer=NoticeReply.Answer.LEAVE, leave_reason="外出务工",
                       leave_decision=NoticeReply.LeaveDecision.PENDING)
    response = dashboard(english, staff_user)
    assert [reply.deputy for reply in response.context["leave_requests"]] == [deputy]
    assert "外出务工" in response.content.decode()


def test_staff_see_deputies_who_missed_two_sessions_without_leave(english, staff_user):
    term = TermFactory()
    deputy, excused = DeputyFactory(name="曾凡荣"), DeputyFactory(name="谢金花")
    for number, day in ((5, datetime.date(2026, 1, 8)), (6, datetime.date(2026, 8, 27))):
        session = SessionFactory(term=term, number=number, start_date=day, status=Meeting.Status.HELD)
        mark(session, [deputy], Attendance.Status.ABSENT)
        mark(session, [excused], Attendance.Status.ON_LEAVE)
    response = dashboard(english, staff_user)
    assert list(response.context["absent_twice"]) == [deputy]
    assert "Art. 62" in response.content.decode()


def test_staff_see_how_many_deputies_have_not_reported_to_voters(english, staff_user):
    reported, _silent = DeputyFactory(), DeputyFactory()
    ReportToVoters.objects.create(deputy=reported, term=TermFactory(), date=datetime.date(2026, 5, 1))
    in_office_without_report = Deputy.objects.exclude(reports_to_voters__isnull=False).count()
    response = dashboard(english, staff_user)
    assert response.context["not_reported_count"] == in_office_without_report


def test_the_not_reported_count_is_of_township_deputies_in_office_this_term(english, staff_user):
    from deputies.models import Mandate
    from deputies.selectors import deputies_not_reported
    from tests.factories import MandateFactory

    term = TermFactory()
    silent, reported, reported_last_term = DeputyFactory(), DeputyFactory(), DeputyFactory()
    ReportToVoters.objects.create(deputy=reported, term=term, date=datetime.date(2026, 5, 1))
    last_term = TermFactory(number=10, start_date=datetime.date(2016, 11, 26), end_date=datetime.date(2021, 11, 25))
    ReportToVoters.objects.create(deputy=reported_last_term, term=last_term, date=datetime.date(2019, 5, 1))
    resigned = DeputyFactory(in_office=False)
    MandateFactory(deputy=resigned, term=term, status=Mandate.Status.RESIGNED, ended_on=datetime.date(2024, 3, 1))
    county = DeputyFactory(in_office=False)
    MandateFactory(deputy=county, term=None, level=Mandate.Level.COUNTY)
    response = dashboard(english, staff_user)
    assert set(deputies_not_reported(term, timezone.localdate())) == {silent, reported_last_term}
    assert response.context["not_reported_count"] == 2


def test_the_chairman_sees_the_meetings_held_this_year(english, chairman):
    year = timezone.localdate().year
    SessionFactory(number=5, start_date=datetime.date(year, 1, 8), status=Meeting.Status.HELD)
    SessionFactory(number=6, start_date=datetime.date(year, 8, 27), status=Meeting.Status.HELD)
    for month in (2, 5, 8):
        PresidiumMeetingFactory(start_date=datetime.date(year, month, 10), status=Meeting.Status.HELD)
    PresidiumMeetingFactory(start_date=datetime.date(year, 12, 28), status=Meeting.Status.PLANNED)
    response = dashboard(english, chairman)
    assert response.context["meetings"]["sessions"] == 2
    assert response.context["meetings"]["presidium_meetings"] == 3


def test_a_deputy_is_asked_to_answer_a_meeting_notice(english, deputy_user, planned_session):
    reply = NoticeReplyFactory(notice=NoticeFactory(meeting=planned_session), deputy=deputy_user.deputy)
    response = dashboard(english, deputy_user)
    assert response.context["pending_replies"] == [reply]
    assert f"/congress/my/replies/{reply.pk}/" in response.content.decode()


def test_a_deputy_who_answered_is_not_asked_again(english, deputy_user, planned_session):
    NoticeReplyFactory(notice=NoticeFactory(meeting=planned_session), deputy=deputy_user.deputy,
                       answer=NoticeReply.Answer.ATTEND)
    assert dashboard(english, deputy_user).context["pending_replies"] == []


def test_the_chairman_sees_the_year_s_suggestion_rates(english, chairman):
    from motions.models import Suggestion
    from tests.motions.factories import AssignmentFactory, ReplyFactory

    year = timezone.localdate().year
    replied = ReplyFactory(assignment=AssignmentFactory(suggestion__year=year, suggestion__status=Suggestion.Status.CLOSED))
    AssignmentFactory(suggestion__year=year)
    assert replied.suggestion.status == Suggestion.Status.CLOSED
    figures = dashboard(english, chairman).context["suggestion_figures"]
    assert (figures.assigned, figures.replied, figures.closed) == (2, 1, 1)
    body = dashboard(english, chairman).content.decode()
    assert 'data-figure="closed-rate">50.0%' in body
    assert 'data-figure="reply-rate">50.0%' in body
