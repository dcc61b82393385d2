"""A task that fails half-way twice, then succeeds, through a real Celery worker on the configured
broker (Redis in CI): it is retried after growing waits and ends with one set of records."""
from celery.app import autoretry
from django.db import OperationalError

from core.tasks import chase_overdue
from motions import chase as motions_chase
from motions import workflow
from motions.models import Event
from tests.integration.test_chase_worker import (  # noqa: F401 - fixtures
    RED_DAY,
    assert_each_reminder_once,
    overdue_items,
    purge_queue,
)


def test_a_chase_failing_half_way_twice_is_retried_and_leaves_one_set_of_records(
        celery_worker, overdue_items, purge_queue, monkeypatch):  # noqa: F811
    production_waits = []

    def short_waits(factor, retries, maximum, full_jitter=True):
        production_waits.append(min(maximum, factor * 2 ** retries))
        return 0.2 * 2 ** retries  # the same growth, in fractions of a second

    monkeypatch.setattr(autoretry, "get_exponential_backoff_interval", short_waits)

    attempts = []
    write_steps = motions_chase.Timeline.many

    def steps_then_failure(self, entries):
        attempts.append(len(entries))
        write_steps(self, entries)  # the timeline is written (with the inbox rows before it) …
        if len(attempts) <= 2:  # … and then the database goes away
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(motions_chase.Timeline, "many", steps_then_failure)

    chase_overdue.apply_async(kwargs={"today": RED_DAY}).get(timeout=60)

    assert len(attempts) == 3 and production_waits == [60, 120]
    assert_each_reminder_once(overdue_items)
    for item in overdue_items:
        assert Event.objects.filter(suggestion=item, action=workflow.Action.REMIND).count() == 1
