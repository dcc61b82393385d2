"""Two staff accepting at the same moment never get the same number (SPEC §4: 2026-008).

The year's NumberSequence row is locked with SELECT … FOR UPDATE while a number is taken, so on
PostgreSQL the second acceptance waits for the first to commit and then takes the next number.
Each test runs two acceptances in two threads, each thread with its own database connection:
the first takes its number and holds its transaction open until the second is seen waiting on a
lock in pg_stat_activity; only then does the first commit. No sleeping decides the outcome.
"""
import threading
import time

import pytest
from django.db import close_old_connections, connection, connections, transaction

from motions.models import NumberSequence, Suggestion
from motions.services.review import suggestion_accept
from tests.factories import UserFactory
from core.roles import Role
from tests.motions.factories_office import submitted

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="Row locks only matter on PostgreSQL; SQLite lets one writer at a time in anyway "
                              "(IMMEDIATE transactions). Run with DATABASE_URL=postgres://… to exercise this."),
    pytest.mark.django_db(transaction=True),
]

WAIT_LIMIT = 30  # seconds: a safety net for a broken lock, never reached when the lock works


def _waiting_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


def _in_thread(target, errors):
    def run():
        try:
            target()
        except Exception as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.parametrize("sequence_exists", [True, False], ids=["sequence-row-exists", "first-number-of-the-year"])
def test_two_staff_accepting_at_the_same_moment_get_different_numbers(sequence_exists):
    staff = [UserFactory(roles=[Role.STAFF]), UserFactory(roles=[Role.STAFF])]
    first, second = submitted(), submitted()
    if sequence_exists:
        NumberSequence.objects.create(year=2026, last_number=7)
    first_has_number, let_first_commit = threading.Event(), threading.Event()
    errors = []

    def accept_first():
        with transaction.atomic():
            suggestion_accept(suggestion=first, actor=staff[0])
            first_has_number.set()
            let_first_commit.wait(WAIT_LIMIT)

    def accept_second():
        first_has_number.wait(WAIT_LIMIT)
        suggestion_accept(suggestion=second, actor=staff[1])

    threads = [_in_thread(accept_first, errors), _in_thread(accept_second, errors)]
    try:
        assert first_has_number.wait(WAIT_LIMIT)
        deadline = time.monotonic() + WAIT_LIMIT
        while not _waiting_on_a_lock():  # the second acceptance must be blocked by the first
            assert time.monotonic() < deadline, "the second acceptance never waited for the first"
            time.sleep(0.02)
    finally:
        let_first_commit.set()
        for thread in threads:
            thread.join(WAIT_LIMIT)
    close_old_connections()

    assert errors == []
    numbers = dict(Suggestion.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "number"))
    start = 7 if sequence_exists else 0
    assert numbers == {first.pk: start + 1, second.pk: start + 2}
    assert NumberSequence.objects.get(year=2026).last_number == start + 2
