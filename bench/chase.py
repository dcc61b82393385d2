"""The chase bench (issue 9): one daily run of the chase over 100,000 open items, goal ≤ 10 s,
with a query count that does not depend on the number of items.

`run(ctx)` measures in subprocesses (Django is set up there, not in the caller), each on a
PostgreSQL database of its own that it builds once with bulk inserts and reuses afterwards:

    python -m bench.chase --database-url postgres://…/portal_bench_chase --items 100000

prints one JSON object on its last line. The data set, for N open items: nine tenths suggestions
assigned to units, in every state the chase looks at (not acknowledged, due soon, overdue, replied
and not rated, a co-unit's opinion late, a class-B promise passed; and as many green, recently
replied, rated, submitted or being handled again), one tenth open rectification items; N/300
units with two officers each, N/20 deputies with accounts, ten presidium members leading key
items and activities, the demo's office plus two more staff; a fifth as many closed suggestions
and verified items, and N reminders of earlier weeks in the ledger.

Each measurement starts from the same state: the reminders, notifications and timeline steps a
run adds are deleted afterwards. The first run is the worst day: nothing in the ledger for the last
week, so every reminder due goes out (a chase that starts, or catches up after a pause). The
goal is for the daily run, an ordinary day of a chase that runs every day: the catch-up run's
reminders are spread over the last seven days of the ledger, so a seventh of them is due again,
besides whatever became due today. The
delivery of the e-mail and text-message copies is not sent to a broker: the tasks' apply_async is
replaced by a counter, so the figure includes queuing them on commit but not the broker's time.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.common import Measure

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 24)  # the demo's day, a Tuesday
DATA_VERSION = 1
GOAL_SECONDS = 10.0


def run(ctx):
    big = 10_000 if ctx.quick else 100_000
    small = 1_000
    base = ctx.extra.get("chase_database_url") or _with_database(ctx.database_url, "portal_bench_chase")
    results = {}
    # A database per size: the data set is built for one number of items and reused at that number.
    for items, url in ((small, f"{base}_{small}"), (big, base if big == 100_000 else f"{base}_{big}")):
        results[items] = _measure_in_subprocess(url, items, ctx.results_dir)
    first, again, reference = results[big], results[big], results[small]
    label = f"{big:,}"
    detail = {k: first[k] for k in ("items", "reminders", "notifications", "timeline_steps", "publishes",
                                    "database")}
    return [
        Measure(f"chase daily run over {label} open items", first["daily_seconds"], "s", f"≤ {GOAL_SECONDS:g} s",
                first["daily_seconds"] <= GOAL_SECONDS,
                detail={"reminders": first["daily_reminders"], "notifications": first["daily_notifications"],
                        "queries": first["daily_queries"],
                        "ledger": "the catch-up run's reminders spread over the last seven days"}),
        Measure(f"chase catch-up run over {label} open items (a week with nothing sent)", first["first_seconds"],
                "s", f"≤ {GOAL_SECONDS:g} s", first["first_seconds"] <= GOAL_SECONDS, detail=detail),
        Measure("chase rerun same day", again["rerun_seconds"], "s", f"≤ {GOAL_SECONDS:g} s",
                again["rerun_seconds"] <= GOAL_SECONDS, detail={"reminders": again["rerun_reminders"]}),
        Measure("chase queries", first["first_queries"], "queries", f"constant (= {small:,} items)",
                first["first_queries"] == reference["first_queries"]
                and first["rerun_queries"] == reference["rerun_queries"],
                floor=reference["first_queries"], ratio=first["first_queries"] / max(reference["first_queries"], 1),
                detail={"first_run": {small: reference["first_queries"], big: first["first_queries"]},
                        "rerun": {small: reference["rerun_queries"], big: first["rerun_queries"]},
                        f"seconds at {small:,} items": reference["first_seconds"]}),
    ]


def _with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _settings_module():
    return "config.settings.bench" if (ROOT / "config" / "settings" / "bench.py").exists() else "config.settings.local"


def _measure_in_subprocess(url, items, results_dir):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": _settings_module()}
    env.pop("REDIS_URL", None)  # nothing goes to a broker: the publishing is counted, not sent
    done = subprocess.run([sys.executable, "-m", "bench.chase", "--database-url", url, "--items", str(items),
                           "--results-dir", str(results_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench.chase --items {items} failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- in the subprocess -------------------------------------------------------------------------------

def _ensure_database(url):
    """Create the database, migrate it and seed the demo when it does not exist yet."""
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone():
                return False
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()
    return True


def _log(*args):
    print(*args, file=sys.stderr, flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--results-dir", default="bench/results")
    parser.add_argument("--profile", action="store_true", help="write a pyinstrument profile of the first run")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", _settings_module())
    created = _ensure_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command

    if created:
        _log(f"creating {args.database_url}: migrate, seed_demo")
        call_command("migrate", verbosity=0)
        call_command("seed_demo", stdout=open(os.devnull, "w"))
    from bench import chase_data

    if not chase_data.built(args.items, DATA_VERSION):
        started = time.perf_counter()
        chase_data.build(args.items, TODAY, DATA_VERSION, log=_log)
        _log(f"built {args.items} open items in {time.perf_counter() - started:.1f} s")
    print(json.dumps(measure(args.items, profile_dir=Path(args.results_dir) if args.profile else None)))


def measure(items, *, profile_dir=None):
    from unittest import mock

    from django.db import connection
    from django.urls import reverse

    from core import tasks
    from core.chase_engine import chase_run

    published = []

    def count(args=(), kwargs=None, **options):
        published.append(args)

    # A worker has its URLconf loaded after its first task; the first reverse() imports every app's urls.
    reverse("motions:office_item", args=[1])
    _forget_interrupted_runs()
    state = _snapshot()
    patches = [mock.patch.object(task, "apply_async", side_effect=count)
               for task in (tasks.deliver_notification, getattr(tasks, "deliver_notifications", None)) if task]
    for patch in patches:
        patch.start()
    try:
        runs = []
        for attempt in ("first", "rerun", "daily"):
            if attempt == "daily":
                _spread_over_the_week(state)
            queries = []
            profiler = None
            if profile_dir is not None and attempt == "first":
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.002)
                profiler.start()
            def timed(execute, sql, params, many, context, queries=queries):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    queries.append((round(time.perf_counter() - started, 3), sql[:100]))

            with connection.execute_wrapper(timed):
                started = time.perf_counter()
                result = chase_run(today=TODAY)
                seconds = time.perf_counter() - started
            if profiler is not None:
                profiler.stop()
                profile_dir.mkdir(parents=True, exist_ok=True)
                (profile_dir / f"chase-profile-{items}.txt").write_text(profiler.output_text(unicode=True))
                (profile_dir / f"chase-profile-{items}.html").write_text(profiler.output_html())
            runs.append((seconds, len(queries), result, list(queries)))
            _log(f"{attempt}: {seconds:.2f} s, {len(queries)} queries, {result.total} reminders, "
                 f"{result.notified} notifications over {result.items} items")
        figures = _figures(state, runs, published)
    finally:
        for patch in patches:
            patch.stop()
        _restore(state)
    return figures


def _figures(state, runs, published):
    from django.db import connection

    from core.models import Notification

    (first_s, first_q, first, first_sql), (rerun_s, rerun_q, rerun, rerun_sql), (daily_s, daily_q, daily, _) = runs
    return {
        "daily_seconds": round(daily_s, 3), "daily_queries": daily_q, "daily_reminders": daily.total,
        "daily_notifications": daily.notified,
        "database": connection.settings_dict["NAME"],
        "items": first.items,
        "first_seconds": round(first_s, 3), "first_queries": first_q,
        "rerun_seconds": round(rerun_s, 3), "rerun_queries": rerun_q,
        "reminders": first.total, "notifications": first.notified,
        "rerun_reminders": rerun.total,
        "timeline_steps": _timeline_steps(state),
        "publishes": len(published),
        "published_ids": sum(len(args[0]) if isinstance(args[0], (list, tuple)) else 1 for args in published),
        "notifications_in_table": Notification.objects.count(),
        "first_sql": first_sql, "rerun_sql": rerun_sql,
    }


def _snapshot():
    """The highest ids before the runs: whatever the runs add lies above them."""
    from django.db.models import Max

    from core.models import Notification
    from motions.models import Event
    from supervision.models import RectificationEvent

    from core.models import Reminder

    # The ledger first: its rows point at the notifications, so they are deleted before them.
    return {model: model.objects.aggregate(top=Max("pk"))["top"] or 0
            for model in (Reminder, Notification, Event, RectificationEvent)}


def _timeline_steps(state):
    return sum(model.objects.filter(pk__gt=top).count() for model, top in state.items()
               if model.__name__ not in ("Notification", "Reminder"))


def _spread_over_the_week(state):
    """An ordinary day: what the catch-up run sent is spread over the last seven days of the ledger, as
    a chase that runs every day leaves it, so that one seventh of it (the reminders sent a week ago)
    is due again today, besides what became due today."""
    from django.db.models import IntegerField, Value
    from django.db.models.functions import Cast, Mod

    from core.models import Reminder

    added = Reminder.objects.filter(pk__gt=state[Reminder])
    for back in range(1, 8):
        added.annotate(_bucket=Mod(Cast("pk", IntegerField()), Value(7))).filter(_bucket=back - 1, day=TODAY).update(
            day=TODAY - datetime.timedelta(days=back))
    assert not added.filter(day=TODAY).exists()


def _forget_interrupted_runs():
    """A run killed half way leaves ledger rows of the last week (the data set's own are older than
    that); without them the run starts from the data set as built. Their notifications stay: nothing
    reads them."""
    from core.models import Reminder

    Reminder.objects.filter(day__gt=TODAY - datetime.timedelta(days=8))._raw_delete(Reminder.objects.db)


def _restore(state):
    """Delete what the runs added: the ledger rows, then the notifications and steps above the snapshot."""
    for model, top in state.items():
        model.objects.filter(pk__gt=top)._raw_delete(model.objects.db)


if __name__ == "__main__":
    main()
