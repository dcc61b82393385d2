"""The daily chase reads and writes in a fixed number of queries whatever the number of open items
(issue 9: 10⁵ items in a county), and its set-based reading gives the same facts as the
sources' item-by-item description (motions.chase.chase_item, supervision.chase.chase_item)."""
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.chase_engine import chase_run
from core.models import Notification, Reminder
from core.roles import Role
from motions import chase as motions_chase
from motions.models import Assignment, HandlingRules, Suggestion
from supervision import chase as supervision_chase
from supervision.models import RectificationItem
from tests.factories import DeputyFactory, HandlingUnitFactory, user_with_role
from tests.motions.factories import AssignmentFactory, ReplyFactory, SuggestionFactory, result_class
from tests.supervision.factories import ActivityFactory, RectificationItemFactory

D = datetime.date
TODAY = D(2026, 11, 24)
S, AS, R = Suggestion.Status, Assignment.Status, RectificationItem.Status


@pytest.fixture
def world(db, holidays_2026):
    user_with_role(Role.STAFF, username="staff")
    user_with_role(Role.CHAIRMAN, username="chairman")
    leader = DeputyFactory(user=user_with_role(Role.PRESIDIUM_MEMBER, username="member"))
    return {"leader": leader, "activity": ActivityFactory(leader=leader), "numbers": iter(range(1, 1000))}


def one_of_each(world):
    """One open item in each state the chase looks at, each for a unit of its own with an officer
    (so that the people read grow with the items too)."""
    def unit():
        made = HandlingUnitFactory()
        user_with_role(Role.UNIT_OFFICER, handling_unit=made)
        return made

    def proposer():
        return DeputyFactory(user=user_with_role(Role.DEPUTY))

    def suggestion(status, assigned_days_ago, *, lead=AS.ACKNOWLEDGED, due_in=None, key=False):
        assigned = TODAY - datetime.timedelta(days=assigned_days_ago)
        due = TODAY + datetime.timedelta(days=due_in) if due_in is not None else assigned + datetime.timedelta(90)
        item = SuggestionFactory(status=status, number=next(world["numbers"]), proposer=proposer(), is_key=key,
                                 key_leader=world["leader"] if key else None, assigned_at=assigned, due_date=due)
        return AssignmentFactory(suggestion=item, unit=unit(), status=lead, assigned_at=assigned, due_date=due)

    suggestion(S.ASSIGNED, 10, lead=AS.ASSIGNED)  # not acknowledged
    suggestion(S.ASSIGNED, 85, due_in=3)  # due soon
    suggestion(S.ASSIGNED, 120, due_in=-20, key=True)  # overdue, a key item
    late = suggestion(S.ASSIGNED, 40, due_in=50)  # a co-unit's opinion late
    AssignmentFactory(suggestion=late.suggestion, unit=unit(), role=Assignment.Role.CO,
                      assigned_at=late.assigned_at, due_date=late.due_date)
    replied = suggestion(S.REPLIED, 150, lead=AS.REPLIED)  # replied, not rated
    ReplyFactory(assignment=replied, replied_on=TODAY - datetime.timedelta(days=30))
    closed = suggestion(S.CLOSED, 300, lead=AS.REPLIED)  # a class-B promise passed
    ReplyFactory(assignment=closed, result_class=result_class("B"), replied_on=TODAY - datetime.timedelta(200),
                 promised_date=TODAY - datetime.timedelta(days=10))
    suggestion(S.ASSIGNED, 5, due_in=80)  # green: nothing due
    RectificationItemFactory(activity=world["activity"], unit=unit(), status=R.PENDING,
                             assigned_on=TODAY - datetime.timedelta(days=20), deadline=TODAY + datetime.timedelta(60))
    RectificationItemFactory(activity=world["activity"], unit=unit(), status=R.IN_PROGRESS,
                             assigned_on=TODAY - datetime.timedelta(days=200), deadline=TODAY - datetime.timedelta(9))


def queries_of_runs(day):
    """The queries of a first run of the day and of a rerun, and the first run's result."""
    with CaptureQueriesContext(connection) as first:
        result = chase_run(today=day)
    with CaptureQueriesContext(connection) as rerun:
        again = chase_run(today=day)
    assert again.total == 0 and again.notified == 0
    return len(first), len(rerun), result


def test_the_query_count_is_the_same_for_n_and_five_times_n_open_items(world):
    one_of_each(world)
    few_first, few_rerun, few = queries_of_runs(TODAY)
    assert few.items == 9 and few.notified == len(Reminder.objects.filter(day=TODAY))
    # Every kind is due at least once, so every write of the run is counted.
    assert all(few.counts.values()), few.counts
    Reminder.objects.all().delete()
    Notification.objects.all().delete()
    for _ in range(4):
        one_of_each(world)
    # Five times the items and the reminders: still few enough rows for one insert on SQLite
    # (Django splits a bulk insert past 999 parameters there: batches, not a query per item).
    many_first, many_rerun, many = queries_of_runs(TODAY)
    assert many.items == 45 and many.notified == 5 * few.notified
    assert (many_first, many_rerun) == (few_first, few_rerun)


def test_the_set_based_reading_gives_the_item_by_item_facts(world):
    one_of_each(world)
    one_of_each(world)
    rules = HandlingRules.current()
    assert motions_chase.open_items() == [motions_chase.chase_item(item, handling_rules=rules)
                                          for item in motions_chase.chased_suggestions()]
    assert supervision_chase.open_items() == [supervision_chase.chase_item(item)
                                              for item in supervision_chase.chased_items()]


def test_the_demo_reads_the_same_set_based_and_item_by_item(db):
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    rules = HandlingRules.current()
    facts = motions_chase.open_items()
    assert facts and facts == [motions_chase.chase_item(item, handling_rules=rules)
                               for item in motions_chase.chased_suggestions()]
    assert supervision_chase.open_items() == [supervision_chase.chase_item(item)
                                              for item in supervision_chase.chased_items()]
