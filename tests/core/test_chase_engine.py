"""The daily chase (SPEC §4 "Chasing overdue handling"): one suggestion walked through every
reminder with a fixed day, across the 2026 National Day holidays (1-7 October; Saturday
10 October is worked in exchange), each reminder sent once per item, kind, recipient and day."""
import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.chase_engine import chase_run
from core.models import Notification, Reminder
from core.roles import Role
from motions.models import Assignment, Event, Suggestion
from motions.workflow import Action
from tests.factories import DeputyFactory, HandlingUnitFactory, user_with_role
from tests.motions.factories import AssignmentFactory, ReplyFactory, SuggestionFactory, result_class

K = Reminder.Kind
D = datetime.date
ASSIGNED_ON = D(2026, 9, 29)  # a Tuesday: then 30 September, the holiday week, 8 and 9 October
DUE = D(2026, 12, 29)


@pytest.fixture
def people(db, holidays_2026):
    unit = HandlingUnitFactory(name="财政所")
    officer = user_with_role(Role.UNIT_OFFICER, username="czs", handling_unit=unit)
    staff = user_with_role(Role.STAFF, username="staff")
    chairman = user_with_role(Role.CHAIRMAN, username="chairman")
    member = user_with_role(Role.PRESIDIUM_MEMBER, username="member")
    leader = DeputyFactory(name=member.name, user=member)
    proposer_user = user_with_role(Role.DEPUTY, username="deputy")
    proposer = DeputyFactory(name=proposer_user.name, user=proposer_user)
    return {"unit": unit, "officer": officer, "staff": staff, "chairman": chairman, "member": member,
            "leader": leader, "proposer": proposer_user, "proposer_deputy": proposer}


def assigned_item(people, *, due=DUE, status=Suggestion.Status.ASSIGNED, key=False, **assignment):
    item = SuggestionFactory(status=status, proposer=people["proposer_deputy"], number=8, assigned_at=ASSIGNED_ON,
                             due_date=due, is_key=key, key_leader=people["leader"] if key else None)
    return AssignmentFactory(suggestion=item, unit=people["unit"], assigned_at=ASSIGNED_ON, due_date=due,
                             **assignment)


def sent(day):
    """Run the chase for `day` and give back the (kind, username) of the reminders of that day."""
    chase_run(today=day)
    return sorted((r.kind, r.recipient.username) for r in Reminder.objects.filter(day=day))


def acknowledged(assignment):
    assignment.status = Assignment.Status.ACKNOWLEDGED
    assignment.save(update_fields=["status"])


def test_not_acknowledged_is_reminded_after_three_working_days_skipping_the_holiday_week(people):
    assigned_item(people)
    assert sent(D(2026, 10, 2)) == []
    assert sent(D(2026, 10, 8)) == []  # only the second working day after assignment
    assert sent(D(2026, 10, 9)) == [(K.NOT_ACKNOWLEDGED, "czs")]
    assert sent(D(2026, 10, 10)) == []
    assert sent(D(2026, 10, 16)) == [(K.NOT_ACKNOWLEDGED, "czs")]  # weekly while still not acknowledged


def test_an_acknowledged_item_is_not_reminded_to_acknowledge(people):
    acknowledged(assigned_item(people))
    assert sent(D(2026, 10, 9)) == []


def test_running_twice_the_same_day_sends_each_reminder_once(people):
    assigned_item(people)
    first = chase_run(today=D(2026, 10, 9))
    second = chase_run(today=D(2026, 10, 9))
    assert first.counts[K.NOT_ACKNOWLEDGED] == 1 and first.notified == 1
    assert second.total == 0 and second.notified == 0
    assert Reminder.objects.count() == 1
    assert Notification.objects.filter(recipient=people["officer"]).count() == 1


def test_yellow_warning_a_week_before_and_on_the_due_day_not_daily(people):
    acknowledged(assigned_item(people))
    assert sent(D(2026, 12, 21)) == []  # 8 days left: still green
    assert sent(D(2026, 12, 22)) == [(K.DUE_SOON, "czs")]
    for day in range(23, 29):
        assert sent(D(2026, 12, day)) == []
    assert sent(D(2026, 12, 29)) == [(K.DUE_SOON, "czs")]


def test_yellow_warning_on_the_first_yellow_day_even_inside_the_window(people):
    acknowledged(assigned_item(people, due=D(2026, 11, 27)))
    assert sent(D(2026, 11, 24)) == [(K.DUE_SOON, "czs")]  # due date extended into the window
    assert sent(D(2026, 11, 25)) == []


def test_red_warning_goes_to_unit_office_and_key_leader_and_repeats_weekly(people):
    acknowledged(assigned_item(people, key=True))
    red = sorted([(K.OVERDUE, "chairman"), (K.OVERDUE, "czs"), (K.OVERDUE, "member"), (K.OVERDUE, "staff")])
    assert sent(D(2026, 12, 30)) == red
    for day in (D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 5)):
        assert sent(day) == []
    assert sent(D(2027, 1, 6)) == red
    assert sent(D(2027, 1, 13)) == red


def test_red_warning_of_an_ordinary_item_spares_presidium_members_and_deputies(people):
    acknowledged(assigned_item(people))
    assert sent(D(2026, 12, 30)) == sorted([(K.OVERDUE, "chairman"), (K.OVERDUE, "czs"), (K.OVERDUE, "staff")])


def test_a_reply_stops_the_warnings_and_asks_the_deputy_to_rate_after_15_days(people):
    assignment = assigned_item(people, status=Suggestion.Status.REPLIED)
    ReplyFactory(assignment=assignment, replied_on=D(2026, 11, 2))
    assert sent(D(2026, 11, 16)) == []
    assert sent(D(2026, 11, 17)) == [(K.NOT_RATED, "deputy")]
    assert sent(D(2026, 11, 18)) == []
    assert sent(D(2026, 11, 24)) == [(K.NOT_RATED, "deputy")]
    # Replied: no red warning past the due date, only the rating, still owed, a week or more later.
    assert sent(D(2026, 12, 30)) == [(K.NOT_RATED, "deputy")]


def test_a_co_unit_late_with_its_opinion_is_reminded(people):
    lead = assigned_item(people)
    acknowledged(lead)
    co_unit = HandlingUnitFactory(name="农业服务中心")
    user_with_role(Role.UNIT_OFFICER, username="nyzx", handling_unit=co_unit)
    co = AssignmentFactory(suggestion=lead.suggestion, unit=co_unit, role=Assignment.Role.CO,
                           assigned_at=ASSIGNED_ON, due_date=DUE)
    assert sent(D(2026, 10, 29)) == []  # one month after assignment: the last day
    assert sent(D(2026, 10, 30)) == [(K.CO_OPINION_LATE, "nyzx")]
    co.status = Assignment.Status.OPINION_SENT
    co.save(update_fields=["status"])
    assert sent(D(2026, 11, 6)) == []


def test_a_passed_promise_reminds_the_unit_and_the_office_even_when_the_item_is_closed(people):
    assignment = assigned_item(people, status=Suggestion.Status.CLOSED)
    reply = ReplyFactory(assignment=assignment, result_class=result_class("B"), promised_date=D(2026, 12, 15))
    assert sent(D(2026, 12, 15)) == []
    assert sent(D(2026, 12, 16)) == sorted([(K.PROMISE_PASSED, "chairman"), (K.PROMISE_PASSED, "czs"),
                                            (K.PROMISE_PASSED, "staff")])
    reply.promise_kept_on = D(2026, 12, 20)
    reply.save(update_fields=["promise_kept_on"])
    assert sent(D(2026, 12, 23)) == []


def test_each_reminder_reaches_the_inbox_the_mail_and_the_item_timeline(people, django_capture_on_commit_callbacks):
    assignment = assigned_item(people)
    with django_capture_on_commit_callbacks(execute=True):
        chase_run(today=D(2026, 10, 9))
    reminder = Reminder.objects.get()
    notification = reminder.notification
    assert notification.recipient == people["officer"]
    assert notification.link == reverse("motions:unit_item", args=[assignment.pk])
    assert notification.kind == "chase.not_acknowledged"
    assert reminder.title == notification.subject and "2026-008" in notification.subject
    assert [m.to for m in mail.outbox] == [[people["officer"].email]]
    event = Event.objects.get(suggestion=assignment.suggestion, action=Action.REMIND)
    assert people["officer"].name in event.comment


def test_office_copies_of_a_red_warning_link_to_the_office_page(people):
    acknowledged(assigned_item(people))
    chase_run(today=D(2026, 12, 30))
    assignment = Assignment.objects.get()
    office = Notification.objects.get(recipient=people["staff"])
    unit = Notification.objects.get(recipient=people["officer"])
    assert office.link == reverse("motions:office_item", args=[assignment.suggestion_id])
    assert unit.link == reverse("motions:unit_item", args=[assignment.pk])


def test_a_dry_run_counts_and_writes_nothing(people):
    assigned_item(people)
    result = chase_run(today=D(2026, 10, 9), dry_run=True)
    assert result.counts[K.NOT_ACKNOWLEDGED] == 1
    assert not Reminder.objects.exists() and not Notification.objects.exists()


def test_inactive_users_get_no_reminder(people):
    people["officer"].is_active = False
    people["officer"].save(update_fields=["is_active"])
    assigned_item(people)
    assert sent(D(2026, 10, 9)) == []


def test_the_command_prints_the_counts_per_kind(people, capsys):
    assigned_item(people)
    call_command("chase_overdue", "--today", "2026-10-09")
    out = capsys.readouterr().out
    assert "not_acknowledged  1" in out and "overdue           0" in out
    call_command("chase_overdue", "--today", "2026-10-09", "--dry-run")
    assert "would send 0 reminders" in capsys.readouterr().out


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("chase_overdue", "--today", "2026-13-01")


def _queries_of_a_run(day):
    with CaptureQueriesContext(connection) as queries:
        result = chase_run(today=day)
    return len(queries), result


def test_the_query_count_does_not_grow_with_the_number_of_items(people):
    def item(n):
        suggestion = SuggestionFactory(status=Suggestion.Status.ASSIGNED, proposer=people["proposer_deputy"],
                                       number=n, is_key=True, key_leader=people["leader"])
        AssignmentFactory(suggestion=suggestion, unit=people["unit"], assigned_at=ASSIGNED_ON, due_date=DUE)
        co = HandlingUnitFactory(name=f"协办单位{n}")
        user_with_role(Role.UNIT_OFFICER, handling_unit=co)
        AssignmentFactory(suggestion=suggestion, unit=co, role=Assignment.Role.CO, assigned_at=ASSIGNED_ON,
                          due_date=DUE)

    item(1)
    one, result_one = _queries_of_a_run(D(2026, 12, 30))  # the first red day
    # Ten items: SQLite splits a bulk insert of more than 999 parameters into batches, which would
    # count as a query more without being a query per item.
    for n in range(2, 11):
        item(n)
    twenty, result_twenty = _queries_of_a_run(D(2027, 1, 6))
    # for each item: not acknowledged to the unit; red to the unit, chairman, staff and the key
    # item's leader; the co-unit's late opinion (the first run on 1 Jan 2027 catches them all up)
    assert result_one.notified == 6 and result_twenty.notified == 10 * 6
    assert twenty == one, (one, twenty)
    assert one < 30


def test_a_chase_that_starts_late_catches_up_instead_of_waiting_a_week(people):
    """An item already 10 days overdue on the first run gets its red warning that day, then weekly."""
    assigned_item(people)
    first_red_day = DUE + datetime.timedelta(days=10)
    assert (K.OVERDUE, "czs") in sent(first_red_day)
    assert (K.OVERDUE, "czs") not in sent(first_red_day + datetime.timedelta(days=6))
    assert (K.OVERDUE, "czs") in sent(first_red_day + datetime.timedelta(days=7))
