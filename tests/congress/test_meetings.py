"""Planning meetings: numbering within the term, dates within the term, the agenda, held and cancelled."""
import datetime

import pytest

from congress import services
from congress.models import AgendaItem, Meeting
from core.exceptions import ApplicationError
from core.roles import Role
from tests.factories import TermFactory, user_with_role

from .factories import AgendaItemFactory, PresidiumMembershipFactory, SessionFactory, VoteFactory, mark, session_with

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF)


def create(staff, **kwargs):
    values = {"term": TermFactory(), "kind": Meeting.Kind.SESSION, "start_date": DAY, "end_date": DAY}
    values.update(kwargs)
    return services.meeting_create(actor=staff, **values)


def test_a_new_session_takes_the_next_number_of_its_term(staff):
    SessionFactory(number=4)
    assert create(staff).number == 5


def test_the_first_session_of_a_term_is_number_one(staff):
    assert create(staff).number == 1


def test_a_session_number_is_used_once_within_a_term(staff):
    SessionFactory(number=2)
    with pytest.raises(ApplicationError) as refusal:
        create(staff, number=2)
    assert refusal.value.field == "number"


def test_another_term_may_use_the_same_number(staff):
    SessionFactory(number=2)
    term = TermFactory(number=10, start_date=datetime.date(2016, 11, 1), end_date=datetime.date(2021, 11, 25))
    assert create(staff, term=term, number=2, start_date=datetime.date(2018, 1, 5),
                  end_date=datetime.date(2018, 1, 5)).number == 2


def test_presidium_meetings_are_numbered_apart_from_sessions_and_may_go_unnumbered(staff):
    SessionFactory(number=1)
    assert create(staff, kind=Meeting.Kind.PRESIDIUM, number=1).number == 1
    assert create(staff, kind=Meeting.Kind.PRESIDIUM).number is None
    assert create(staff, kind=Meeting.Kind.PRESIDIUM).number is None


def test_a_meeting_begins_within_its_term(staff):
    with pytest.raises(ApplicationError) as refusal:
        create(staff, start_date=datetime.date(2027, 2, 1), end_date=datetime.date(2027, 2, 1))
    assert refusal.value.field == "start_date"


def test_a_meeting_cannot_end_before_it_begins(staff):
    with pytest.raises(ApplicationError) as refusal:
        create(staff, end_date=DAY - datetime.timedelta(days=1))
    assert refusal.value.field == "end_date"


def test_a_presidium_member_cannot_plan_a_meeting():
    with pytest.raises(ApplicationError):
        create(user_with_role(Role.PRESIDIUM_MEMBER))


def test_editing_keeps_the_number_unique(staff):
    SessionFactory(number=1)
    second = SessionFactory(number=2)
    with pytest.raises(ApplicationError):
        services.meeting_update(meeting=second, actor=staff, number=1)
    assert services.meeting_update(meeting=second, actor=staff, place="新会场", number=2).place == "新会场"


def test_once_attendance_is_recorded_the_first_day_cannot_move(staff):
    session, _ = session_with(in_office=2, present=1)
    with pytest.raises(ApplicationError, match="can no longer change"):
        services.meeting_update(meeting=session, actor=staff, start_date=DAY + datetime.timedelta(days=1),
                                end_date=DAY + datetime.timedelta(days=1))
    assert services.meeting_update(meeting=session, actor=staff, minutes="会议纪要").minutes == "会议纪要"


def test_a_session_is_marked_held_when_everyone_is_marked_and_the_quorum_met(staff):
    session, _ = session_with(in_office=3, present=2, absent=1)
    assert services.meeting_mark_held(meeting=session, actor=staff).status == Meeting.Status.HELD


def test_a_session_with_deputies_not_marked_is_not_marked_held(staff):
    session, _ = session_with(in_office=3, present=2)
    with pytest.raises(ApplicationError, match="1 of the expected attendees have no attendance mark"):
        services.meeting_mark_held(meeting=session, actor=staff)


def test_a_session_without_quorum_is_not_held(staff):
    session, _ = session_with(in_office=3, present=1, absent=2)
    with pytest.raises(ApplicationError, match="quorum"):
        services.meeting_mark_held(meeting=session, actor=staff)


def test_a_presidium_meeting_needs_two_thirds_of_its_members_to_be_held(staff):
    members = [membership.deputy for membership in PresidiumMembershipFactory.create_batch(5)]
    meeting = SessionFactory(kind=Meeting.Kind.PRESIDIUM, number=None)
    mark(meeting, members[:3])
    mark(meeting, members[3:], "on_leave")
    with pytest.raises(ApplicationError, match="quorum"):
        services.meeting_mark_held(meeting=meeting, actor=staff)


def test_a_meeting_not_begun_is_not_held(staff, current_term, tomorrow):
    meeting = SessionFactory(term=current_term, start_date=tomorrow)
    with pytest.raises(ApplicationError, match="not begun"):
        services.meeting_mark_held(meeting=meeting, actor=staff)


def test_a_held_meeting_is_not_cancelled_and_a_cancelled_one_not_held(staff):
    session, _ = session_with(in_office=1, present=1)
    services.meeting_mark_held(meeting=session, actor=staff)
    with pytest.raises(ApplicationError):
        services.meeting_cancel(meeting=session, actor=staff)
    other = SessionFactory()
    services.meeting_cancel(meeting=other, actor=staff)
    with pytest.raises(ApplicationError):
        services.meeting_mark_held(meeting=other, actor=staff)


def test_agenda_items_go_last_unless_placed(staff):
    session = SessionFactory()
    first = services.agenda_item_add(meeting=session, kind=AgendaItem.Kind.REPORT, title="政府工作报告", actor=staff)
    second = services.agenda_item_add(meeting=session, kind=AgendaItem.Kind.RESOLUTION, title="决议", actor=staff)
    assert (first.order, second.order) == (1, 2)


def test_an_item_with_a_recorded_vote_stays_on_the_agenda_and_stays_voted(staff):
    vote = VoteFactory()
    with pytest.raises(ApplicationError):
        services.agenda_item_remove(item=vote.agenda_item, actor=staff)
    with pytest.raises(ApplicationError):
        services.agenda_item_update(item=vote.agenda_item, actor=staff, kind=AgendaItem.Kind.REPORT)
    assert services.agenda_item_update(item=vote.agenda_item, actor=staff, title="新标题").title == "新标题"


def test_an_item_without_a_vote_can_be_removed(staff):
    item = AgendaItemFactory(kind=AgendaItem.Kind.REPORT)
    services.agenda_item_remove(item=item, actor=staff)
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_the_years_counts_are_of_held_meetings(staff):
    SessionFactory(status=Meeting.Status.HELD)
    SessionFactory(status=Meeting.Status.HELD, start_date=datetime.date(2026, 8, 27))
    SessionFactory(status=Meeting.Status.PLANNED, start_date=datetime.date(2026, 12, 20))
    SessionFactory(status=Meeting.Status.HELD, start_date=datetime.date(2025, 8, 27))
    for month in (2, 5, 8, 11):
        SessionFactory(kind=Meeting.Kind.PRESIDIUM, number=None, status=Meeting.Status.HELD,
                       start_date=datetime.date(2026, month, 10))
    SessionFactory(kind=Meeting.Kind.PRESIDIUM, number=None, status=Meeting.Status.CANCELLED,
                   start_date=datetime.date(2026, 12, 1))
    from congress.selectors import meeting_counts

    assert meeting_counts(2026) == {"sessions": 2, "presidium_meetings": 4, "presidium_members_meetings": 0}


def test_the_database_keeps_session_numbers_unique_within_a_term():
    from django.db import IntegrityError

    SessionFactory(number=3)
    with pytest.raises(IntegrityError):
        SessionFactory(number=3)
