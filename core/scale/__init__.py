"""The scale data set of the performance suite (issue 9): "100× a township" on top of the demo.

    python manage.py seed_scale --factor 100 --seed 2026 [--reset]

At factor 1 it adds 100 deputies (accounts, mandates, districts, groups), 1,000 suggestions over
the current year and the nine before in every state of the workflow, 2,000 reminders of the daily
chase's ledger, 50 meetings with notices, answers and attendance, and 100 supervision activities
with their rectification items; every count grows linearly with the factor (at least one of
each), and the handling units by 0.3 a factor (each with an officer account).

Rows go in with bulk_create, without history rows (the records' history cards start empty), with
the dates they would have had: the states match the dates as of today (timezone.localdate()).
Every account is named `scale-…` and shares the demo password; the rest of the data set is
found through those accounts, which is how --reset removes it (core.scale.purge).
"""
import time

from django.db import connection, transaction

from core import pagecache
from core.models import Reminder

from . import purge as _purge
from .base import Clock, Inserter, at, own_timestamps, scaled
from .congress import Meetings
from .motions import Suggestions
from .people import People
from .supervision import Supervision

DEFAULT_FACTOR = 100
DEFAULT_SEED = 2026


class ScaleDataPresent(Exception):
    """The database holds a scale data set already."""


def present():
    return _purge.present()


def build(*, factor=DEFAULT_FACTOR, seed=DEFAULT_SEED, reset=False, stdout=None):
    """Build the data set in one transaction; returns the rows inserted per model and the seconds."""
    import random

    out = stdout or _Silent()
    started = time.monotonic()
    if factor <= 0:
        raise ValueError("the factor must be positive")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        if present():
            if not reset:
                raise ScaleDataPresent("The scale data set is present already (accounts named scale-…); "
                                       "run again with --reset to replace it.")
            deleted = _purge.purge()
            out.write(f"  removed the previous scale data: {sum(deleted.values())} rows")
        rng = random.Random(seed)
        insert = Inserter()
        people = People(factor, rng, Clock(rng), insert)
        people.build(out)
        meetings = Meetings(people, insert)
        meetings.build(out)
        suggestions = Suggestions(people, meetings, insert)
        suggestions.build(out)
        supervision = Supervision(people, insert)
        supervision.build(out)
        _reminders(scaled("reminders", factor), rng, insert, suggestions, supervision)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    pagecache.forget_all()  # rows went in by COPY, past the statements core.pagecache watches
    return insert.counts, time.monotonic() - started


def _reminders(count, rng, insert, *sources):
    """`count` ledger rows drawn from what the chase would have written for the items' past."""
    cap = 6
    while True:
        pool = list(dict.fromkeys(row for source in sources for row in source.reminders(cap)))
        if len(pool) >= count or cap > 1000:
            break
        cap *= 4
    rows = sorted(rng.sample(pool, min(count, len(pool))), key=lambda row: (row[4], row[0], row[1]))
    with own_timestamps(Reminder):
        for source, item_id, kind, recipient, day, title in rows:
            insert.queue(Reminder, source=source, item_id=item_id, kind=kind, recipient_id=recipient, day=day,
                         title=title, created_at=at(day, 8))
        insert.flush()


class _Silent:
    def write(self, *args, **kwargs):
        pass
