"""The daily chase through a real Celery worker and beat on the configured broker (Redis in CI):
queued, fired by the schedule, and killed half-way then retried, each reminder exists once and
each notification once."""
import datetime

import pytest
from celery.beat import EmbeddedService

from config.celery_app import app
from core import chase_engine
from core.models import Notification, Reminder
from core.roles import Role
from core.tasks import chase_overdue
from motions.models import Assignment, Suggestion
from tests.factories import DeputyFactory, HandlingUnitFactory, user_with_role
from tests.motions.factories import AssignmentFactory, SuggestionFactory

from .waiting import wait_until

RED_DAY = "2026-12-30"  # the first day after the due date
DUE = datetime.date(2026, 12, 29)
# Per item: the unit's officer, the chairman, the staff member and the key item's leader.
RECIPIENTS_PER_ITEM = 4


@pytest.fixture
def overdue_items(transactional_db):
    unit = HandlingUnitFactory(name="财政所")
    user_with_role(Role.UNIT_OFFICER, username="czs", handling_unit=unit)
    user_with_role(Role.STAFF, username="staff")
    user_with_role(Role.CHAIRMAN, username="chairman")
    leader = DeputyFactory(user=user_with_role(Role.PRESIDIUM_MEMBER, username="member"))
    items = []
    for number in (1, 2, 3):
        item = SuggestionFactory(status=Suggestion.Status.ASSIGNED, number=number, is_key=True, key_leader=leader,
                                 assigned_at=datetime.date(2026, 9, 29), due_date=DUE)
        AssignmentFactory(suggestion=item, unit=unit, status=Assignment.Status.ACKNOWLEDGED,
                          assigned_at=datetime.date(2026, 9, 29), due_date=DUE)
        items.append(item)
    return items


@pytest.fixture
def purge_queue():
    """Leave no chase message behind for the next test's worker."""
    yield
    app.control.purge()


def assert_each_reminder_once(items):
    reminders = Reminder.objects.filter(day=RED_DAY)
    assert reminders.count() == len(items) * RECIPIENTS_PER_ITEM
    assert not reminders.filter(notification__isnull=True).exists()
    assert Notification.objects.filter(kind="chase.overdue").count() == reminders.count()


def test_the_chase_queued_through_the_broker_fills_ledger_and_inbox(celery_worker, overdue_items, purge_queue):
    counts = chase_overdue.apply_async(kwargs={"today": RED_DAY}).get(timeout=30)
    assert counts[Reminder.Kind.OVERDUE] == len(overdue_items) * RECIPIENTS_PER_ITEM
    # the e-mail copies travel through the broker too, after the ledger's transaction committed
    wait_until(lambda: Notification.objects.filter(kind="chase.overdue").exists() and
               not Notification.objects.filter(kind="chase.overdue", emailed_at__isnull=True).exists())
    assert_each_reminder_once(overdue_items)
    assert Notification.objects.filter(recipient__username="member", kind="chase.overdue").count() == 3
    again = chase_overdue.apply_async(kwargs={"today": RED_DAY}).get(timeout=30)
    assert sum(again.values()) == 0
    assert_each_reminder_once(overdue_items)


def test_beat_firing_every_second_records_each_reminder_once(celery_worker, overdue_items, purge_queue):
    saved = app.conf.beat_schedule
    app.conf.beat_schedule = {
        "chase-every-second": {"task": "core.tasks.chase_overdue", "schedule": 1.0, "kwargs": {"today": RED_DAY}},
    }
    beat = EmbeddedService(app, thread=True, max_interval=0.5, scheduler_cls="celery.beat:Scheduler")
    try:
        beat.start()

        def fired_three_times():
            scheduler = beat.service.scheduler
            return scheduler.schedule["chase-every-second"].total_run_count >= 3

        wait_until(fired_three_times)
        wait_until(lambda: Reminder.objects.filter(day=RED_DAY, notification__isnull=False).count()
                   == len(overdue_items) * RECIPIENTS_PER_ITEM)
    finally:
        beat.stop()
        app.conf.beat_schedule = saved
    assert_each_reminder_once(overdue_items)


def test_a_run_killed_after_the_ledger_commit_is_completed_by_the_retry(celery_worker, overdue_items, purge_queue,
                                                                         monkeypatch):
    real = chase_engine.notify_unsent
    attempts = []

    def dies_the_first_time(**kwargs):
        attempts.append(kwargs["today"])
        if len(attempts) == 1:
            raise RuntimeError("worker killed before the notifications were made")
        return real(**kwargs)

    monkeypatch.setattr(chase_engine, "notify_unsent", dies_the_first_time)
    with pytest.raises(RuntimeError):
        chase_overdue.apply_async(kwargs={"today": RED_DAY}).get(timeout=30)
    # the ledger committed; nothing was announced yet
    assert Reminder.objects.filter(day=RED_DAY).count() == len(overdue_items) * RECIPIENTS_PER_ITEM
    assert not Notification.objects.filter(kind="chase.overdue").exists()

    counts = chase_overdue.apply_async(kwargs={"today": RED_DAY}).get(timeout=30)
    assert sum(counts.values()) == 0  # no new ledger rows: the retry only announces the committed ones
    assert_each_reminder_once(overdue_items)
    chase_overdue.apply_async(kwargs={"today": RED_DAY}).get(timeout=30)
    assert_each_reminder_once(overdue_items)
