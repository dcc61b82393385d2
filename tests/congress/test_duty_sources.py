"""Attending sessions and presidium meetings are lines of the deputy's duty record (履职档案)."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from congress.models import Attendance, Meeting
from core import navigation
from deputies import duty
from tests.factories import DeputyFactory

from .factories import PresidiumMeetingFactory, SessionFactory, mark

pytestmark = pytest.mark.django_db
YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def test_congress_registers_its_two_sources_with_their_points():
    sessions, presidium = duty.get("session_attendance"), duty.get("presidium_meeting_attendance")
    assert (sessions.default_points, sessions.order) == (Decimal("2"), 10)
    assert (presidium.default_points, presidium.order) == (Decimal("1"), 11)


def test_sessions_attended_count_held_sessions_marked_present_within_the_dates(django_assert_num_queries):
    deputy, other = DeputyFactory(), DeputyFactory()
    held = [SessionFactory(start_date=datetime.date(2026, month, 8), status=Meeting.Status.HELD) for month in (1, 8)]
    for session in held:
        mark(session, [deputy])
    mark(held[0], [other], Attendance.Status.ON_LEAVE)
    mark(SessionFactory(start_date=datetime.date(2025, 8, 8), status=Meeting.Status.HELD), [deputy])  # last year
    mark(SessionFactory(start_date=datetime.date(2026, 12, 29)), [deputy])  # not held
    mark(PresidiumMeetingFactory(start_date=datetime.date(2026, 5, 8), status=Meeting.Status.HELD), [deputy])
    with django_assert_num_queries(1):
        counts = duty.get("session_attendance").count(*YEAR)
    assert counts == {deputy.pk: 2}
    assert duty.get("presidium_meeting_attendance").count(*YEAR) == {deputy.pk: 1}


def test_the_lines_name_each_meeting_attended_with_a_link():
    deputy = DeputyFactory()
    session = SessionFactory(start_date=datetime.date(2026, 1, 8), status=Meeting.Status.HELD, title="第五次会议")
    mark(session, [deputy])
    [line] = duty.get("session_attendance").lines(deputy, *YEAR)
    assert (line.date, line.text, line.url) == (session.start_date, "第五次会议",
                                               reverse("congress:meeting_detail", args=[session.pk]))


def test_the_menu_offers_meetings_to_readers_and_my_meetings_to_deputies(deputy_user, staff_user, unit_officer):
    assert "congress:meeting_list" in [item.url_name for item in navigation.items_for(staff_user)]
    deputy_items = [item.url_name for item in navigation.items_for(deputy_user)]
    assert "congress:my_meetings" in deputy_items and "congress:meeting_list" not in deputy_items
    officer_items = [item.url_name for item in navigation.items_for(unit_officer)]
    assert not [name for name in officer_items if name.startswith("congress:")]
