"""The unit's reads: which items stand in which filter, the colours of their due dates, what the
unit may do on an item, the follow-up list — each in a fixed number of queries."""
import datetime

import pytest

from motions.models import Assignment, Suggestion
from motions.selectors.unit import (
    Show,
    deadline,
    handling_actions,
    unit_assignments,
    unit_counts,
    unit_follow_up,
    unit_item,
)
from tests.factories import HandlingUnitFactory
from tests.motions.factories import ReplyFactory, SuggestionFactory

from .factories_unit import (  # noqa: F401 (fixtures)
    TODAY,
    acknowledged,
    assigned,
    rehandling,
    result_class,
    today,
    unit,
)

pytestmark = pytest.mark.django_db

S, AS = Suggestion.Status, Assignment.Status
CO = Assignment.Role.CO


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def a_year_of_items(unit):
    """One item of 财政所 at each step, and one of another unit."""
    other = HandlingUnitFactory(name="农业服务中心")
    rows = {
        "new": assigned(unit),
        "acknowledged": acknowledged(unit),
        "co_new": assigned(unit, role=CO, item=assigned(other).suggestion),
        "co_acknowledged": acknowledged(unit, role=CO, item=acknowledged(other).suggestion),
        "co_sent": acknowledged(unit, role=CO, item=acknowledged(other).suggestion, status=AS.OPINION_SENT),
        "replied": assigned(unit, status=AS.REPLIED, item=SuggestionFactory(status=S.REPLIED, number=901)),
        "closed": assigned(unit, status=AS.REPLIED, item=SuggestionFactory(status=S.CLOSED, number=902)),
        "rehandling": rehandling(unit)[0],
        "returned": assigned(unit, status=AS.RETURNED, item=SuggestionFactory(status=S.ACCEPTED, number=903)),
    }
    assigned(other)  # another unit's item
    return rows


def test_the_filters_sort_the_units_live_items(unit, a_year_of_items, today):
    rows = a_year_of_items
    shown = {show: {row.pk for row in unit_assignments(unit, show=show)} for show in Show.CHOICES}
    assert shown[Show.TO_ACKNOWLEDGE] == {rows["new"].pk, rows["co_new"].pk}
    assert shown[Show.IN_HANDLING] == {rows["acknowledged"].pk, rows["co_acknowledged"].pk, rows["rehandling"].pk}
    assert shown[Show.REPLIED] == {rows["co_sent"].pk, rows["replied"].pk, rows["closed"].pk}
    everything = {row.pk for row in unit_assignments(unit)}
    assert everything == set().union(*shown.values())
    assert rows["returned"].pk not in everything
    assert unit_counts(unit) == {"to_acknowledge": 2, "in_handling": 3, "replied": 3, "all": 8}


def test_items_to_acknowledge_come_first_then_the_soonest_due(unit, today):
    later = acknowledged(unit, due_date=days(60))
    sooner = acknowledged(unit, due_date=days(3))
    waiting = assigned(unit, due_date=days(90))
    assert [row.pk for row in unit_assignments(unit)] == [waiting.pk, sooner.pk, later.pk]


@pytest.mark.parametrize(("due_in", "urgency", "overdue_days"), [
    (-2, "overdue", 2), (-1, "overdue", 1), (0, "soon", 0), (7, "soon", 0), (8, "", 0),
])
def test_past_due_is_red_and_due_within_seven_days_yellow(unit, today, due_in, urgency, overdue_days):
    acknowledged(unit, due_date=days(due_in), assigned_at=days(-90))
    [row] = unit_assignments(unit)
    assert (row.deadline.days_left, row.deadline.urgency, row.deadline.overdue_days) == (due_in, urgency, overdue_days)


def test_an_answered_item_shows_no_countdown(unit, today):
    assigned(unit, status=AS.REPLIED, item=SuggestionFactory(status=S.REPLIED, number=904), due_date=TODAY)
    [row] = unit_assignments(unit)
    assert row.deadline.answered and row.deadline.urgency == "" and row.deadline.days_left is None


def test_a_co_unit_owes_its_opinion_within_a_month(unit, today):
    lead = acknowledged(HandlingUnitFactory())
    acknowledged(unit, role=CO, item=lead.suggestion, assigned_at=datetime.date(2026, 2, 20))
    [row] = unit_assignments(unit)
    assert row.deadline.due == datetime.date(2026, 3, 20) and row.deadline.of_opinion
    assert row.deadline.urgency == "soon"


def test_deadline_counts_calendar_days():
    assert deadline(datetime.date(2026, 3, 20), TODAY).days_left == 4
    assert deadline(None, TODAY).urgency == ""


def test_the_list_takes_two_queries_however_many_items(unit, today, django_assert_num_queries):
    acknowledged(unit)
    with django_assert_num_queries(2):  # the assignments with their items; the handling rules
        assert len(unit_assignments(unit)) == 1
    for _ in range(6):
        acknowledged(unit, role=CO, item=assigned(HandlingUnitFactory()).suggestion)
    with django_assert_num_queries(2):
        assert len(unit_assignments(unit)) == 7


# --- what the unit may do ----------------------------------------------------------------------

def actions(assignment, on_day=TODAY):
    assignment.refresh_from_db()
    return handling_actions(assignment, on_day)


def test_a_new_item_may_be_acknowledged_or_returned_but_not_yet_answered(unit, today):
    got = actions(assigned(unit))
    assert (got.acknowledge, got.return_item, got.contact, got.opinion, got.reply) == (True, True, False, False, False)
    assert got.return_deadline == datetime.date(2026, 3, 25)  # 7 working days after Monday 16 March


def test_the_lead_unit_replies_and_records_contacts_once_it_has_acknowledged(unit, today):
    got = actions(acknowledged(unit))
    assert (got.acknowledge, got.contact, got.opinion, got.reply, got.reply_round) == (False, True, False, True, 1)


def test_a_co_unit_sends_an_opinion_and_never_replies(unit, today):
    got = actions(acknowledged(unit, role=CO, item=acknowledged(HandlingUnitFactory()).suggestion))
    assert (got.opinion, got.reply) == (True, False)


def test_the_return_panel_closes_after_the_period(unit, today):
    assignment = assigned(unit)
    assert actions(assignment, datetime.date(2026, 3, 25)).return_item
    assert not actions(assignment, datetime.date(2026, 3, 26)).return_item


def test_a_re_handled_item_is_answered_in_round_two(unit, today):
    got = actions(rehandling(unit)[0])
    assert (got.reply, got.reply_round, got.return_item) == (True, 2, False)


def test_the_lead_unit_reads_its_co_units_opinions(unit, today):
    lead = acknowledged(unit)
    co_unit = HandlingUnitFactory(name="农业服务中心")
    acknowledged(co_unit, role=CO, item=lead.suggestion, status=AS.OPINION_SENT, opinion="同意",
                 opinion_sent_at=datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC))
    page = unit_item(lead)
    assert [(co.unit, co.opinion, co.opinion_late) for co in page.co_units] == [(co_unit, "同意", False)]
    assert page.lead is None and page.replies == []


def test_the_item_page_is_read_in_a_fixed_number_of_queries(unit, today, django_assert_num_queries):
    lead = acknowledged(unit)
    with django_assert_num_queries(8):
        unit_item(lead)
    for _ in range(4):
        acknowledged(HandlingUnitFactory(), role=CO, item=lead.suggestion)
    ReplyFactory(assignment=lead, result_class=result_class("A"))
    with django_assert_num_queries(8):
        page = unit_item(lead)
    assert len(page.co_units) == 4 and len(page.replies) == 1


# --- the follow-up list ------------------------------------------------------------------------

def b_reply(unit, **fields):
    item = SuggestionFactory(status=fields.pop("item_status", S.REPLIED), number=fields.pop("number"))
    assignment = assigned(unit, status=AS.REPLIED, item=item)
    return ReplyFactory(assignment=assignment, result_class=result_class(fields.pop("code", "B")),
                        promised_date=fields.pop("promised_date", datetime.date(2026, 9, 30)), **fields)


def test_the_follow_up_list_holds_the_units_open_promises_soonest_first(unit, today):
    later = b_reply(unit, number=911, promised_date=datetime.date(2026, 9, 30))
    sooner = b_reply(unit, number=912, promised_date=days(5))
    b_reply(unit, number=913, code="A", promised_date=None)
    b_reply(unit, number=914, promise_kept_on=TODAY)
    b_reply(HandlingUnitFactory(), number=915)
    rehandling(unit, first_class="B")  # the first reply is being redone
    replaced = b_reply(unit, number=916, item_status=S.CLOSED)
    ReplyFactory(assignment=replaced.assignment, round=2, result_class=result_class("A"))
    replies = unit_follow_up(unit)
    assert replies == [sooner, later]
    assert replies[0].deadline.urgency == "soon" and replies[1].deadline.urgency == ""


def test_the_follow_up_list_takes_one_query(unit, today, django_assert_num_queries):
    b_reply(unit, number=921)
    with django_assert_num_queries(1):
        assert len(unit_follow_up(unit)) == 1
    for number in range(922, 928):
        b_reply(unit, number=number)
    with django_assert_num_queries(1):
        assert len(unit_follow_up(unit)) == 7
