"""`make bench`: build (or reuse) the bench database, run each measure, print one table, keep it as JSON.

    python -m bench.run [--only pages,memory,chase,pdf] [--factor 100] [--quick] [--keep-data]

The bench database is PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/portal_bench):
migrated, holidays loaded, the demo township seeded, then `seed_scale --factor F` on top. A table
`bench_build` in it records the factor it was built at, so a rerun at the same factor reuses the data
and one at another factor builds it again. --keep-data keeps whatever is there (no rebuild, even at
another factor, as long as it was built once).

Each module `bench/<name>.py` offers `run(ctx) -> list[Measure]` (bench/common.py). Before they run,
this process has Django set up on the bench database with config.settings.bench, so a module may use
the ORM directly. A module that raises becomes a failed row of the table; the run goes on. The exit
code is 0 whether goals are met or not (the table is a report); it is non-zero only when the harness
itself failed (the database could not be built, nothing could be measured).
"""
import argparse
import datetime as dt
import importlib
import importlib.util
import json
import math
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path
from urllib.parse import urlparse

from bench.common import Context, Measure

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
MODULES = ["pages", "memory", "chase", "pdf"]
SETTINGS = "config.settings.bench"
MARKER_TABLE = "bench_build"


class HarnessError(Exception):
    """The harness could not do its job (as opposed to a measure missing its goal)."""


# --- the bench database -----------------------------------------------------------------------------

def _connect(database_url, dbname=None):
    import psycopg2

    parts = urlparse(database_url)
    return psycopg2.connect(
        host=parts.hostname or "127.0.0.1", port=parts.port or 5432, user=parts.username or "postgres",
        password=parts.password or None, dbname=dbname or parts.path.lstrip("/"),
    )


def _database_name(database_url):
    return urlparse(database_url).path.lstrip("/")


def built_factor(database_url):
    """The factor the bench database was built at, or None when it is missing or half built."""
    import psycopg2

    try:
        connection = _connect(database_url)
    except psycopg2.OperationalError as error:
        if "does not exist" in str(error) or "invalid database" in str(error):  # missing, or a drop interrupted
            return None
        raise HarnessError(f"cannot reach PostgreSQL for {database_url}: {error}") from error
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
            if cursor.fetchone()[0] is None:
                return None
            cursor.execute(f"SELECT factor FROM {MARKER_TABLE} WHERE complete ORDER BY built_at DESC LIMIT 1")
            row = cursor.fetchone()
            return row[0] if row else None
    finally:
        connection.close()


def _recreate_database(database_url):
    name = _database_name(database_url)
    if "bench" not in name:
        # Never drop a database the harness did not name: BENCH_DATABASE_URL might point anywhere.
        raise HarnessError(f"refusing to rebuild {name!r}: the bench database's name must contain 'bench'")
    connection = _connect(database_url, dbname="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT datconnlimit <> -2 FROM pg_database WHERE datname = %s", [name])
            row = cursor.fetchone()
            if row and row[0] and _is_empty(database_url):
                return  # created by hand, nothing in it yet
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def _is_empty(database_url):
    connection = _connect(database_url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            return cursor.fetchone()[0] == 0
    finally:
        connection.close()


def _manage(database_url, *args, log=None):
    command = [sys.executable, "manage.py", *args]
    started = time.monotonic()
    print(f"  $ manage.py {' '.join(args)}", flush=True)
    result = subprocess.run(command, cwd=BASE_DIR, env=bench_environment(database_url),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if log is not None:
        log.append({"command": " ".join(args), "seconds": round(time.monotonic() - started, 1)})
    if result.returncode != 0:
        raise HarnessError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-4000:]}")
    return result.stdout


def bench_environment(database_url):
    """The environment of every process the bench starts: bench settings on the bench database."""
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    env.pop("DEBUG", None)
    return env


def ensure_database(database_url, factor, *, keep_data=False, seed=2026):
    """Build the bench database unless it is already there at `factor`; returns what was done.

    A bench database built before at another factor gets its scale data replaced in place
    (`seed_scale --reset`); only a missing or half-built one is dropped and created again.
    """
    have = built_factor(database_url)
    if have is not None and (keep_data or math.isclose(have, factor)):
        print(f"Bench database {_database_name(database_url)}: reusing the data built at factor {have:g}.")
        # New migrations (an index added since) still apply to the data kept.
        _manage(database_url, "migrate", "--noinput")
        return {"reused": True, "factor": have, "steps": []}
    if factor > 0 and importlib.util.find_spec("core.management.commands.seed_scale") is None:
        raise HarnessError("seed_scale is not available yet: run with --factor 0 (the demo township only)")
    in_place = have is not None and factor > 0
    print(f"Bench database {_database_name(database_url)}: building at factor {factor:g} "
          f"(was {'missing' if have is None else f'factor {have:g}'}).", flush=True)
    steps = []
    started = time.monotonic()
    if not in_place:
        _recreate_database(database_url)
    _manage(database_url, "migrate", "--noinput", log=steps)
    _manage(database_url, "load_holidays", log=steps)
    _manage(database_url, "seed_demo", log=steps)
    if factor > 0:
        _manage(database_url, "seed_scale", "--factor", f"{factor:g}", "--seed", str(seed),
                *(["--reset"] if in_place else []), log=steps)
    connection = _connect(database_url)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
                           "(factor double precision, seed integer, built_at timestamptz, seconds real, complete boolean)")
            cursor.execute(f"DELETE FROM {MARKER_TABLE}")
            cursor.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, now(), %s, true)",
                           [factor, seed, time.monotonic() - started])
        connection.autocommit = True
        with connection.cursor() as cursor:
            # The visibility map and fresh statistics, as autovacuum gives a database in use (it may be
            # off on the bench machine): without the map no index-only scan is possible.
            cursor.execute("VACUUM (ANALYZE)")
    finally:
        connection.close()
    return {"reused": False, "factor": factor, "steps": steps, "seconds": round(time.monotonic() - started, 1)}


def collect_static(database_url):
    """The hashed, compressed static files WhiteNoise serves under the bench settings (var/bench-static),
    collected again only when a source file is newer than the manifest."""
    manifest = BASE_DIR / "var" / "bench-static" / "staticfiles.json"
    if manifest.exists():
        built = manifest.stat().st_mtime
        sources = [*(BASE_DIR / "static").rglob("*"), *BASE_DIR.glob("*/static/**/*")]
        if all(path.stat().st_mtime <= built for path in sources if path.is_file()):
            return
    _manage(database_url, "collectstatic", "--noinput", "-v0")


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ.pop("DEBUG", None)
    import django

    django.setup()


# --- the machine ------------------------------------------------------------------------------------

def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _git(*args):
    try:
        # GIT_OPTIONAL_LOCKS=0: `git status` must not rewrite the index of a checkout others work in.
        return subprocess.run(["git", *args], cwd=BASE_DIR, capture_output=True, text=True, timeout=10,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"}).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine(database_url):
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or platform.machine())
    mem_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal:")), 0)
    try:
        connection = _connect(database_url)
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            postgresql = cursor.fetchone()[0]
        connection.close()
    except Exception:  # noqa: BLE001 - the report says it could not tell
        postgresql = "?"
    commit = _git("rev-parse", "--short", "HEAD")
    # The results this harness writes itself (bench/results/latest.json) do not make the code uncommitted.
    if commit and _git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/results"):
        commit += " (with uncommitted changes)"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": postgresql,
        # What the pages' caches (the township, the suggestions' figures) sit in: production uses Redis.
        "cache": "Redis" if os.environ.get("REDIS_URL") else "in-process (REDIS_URL unset)",
        "os": platform.platform(terse=True),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "?",
    }


# --- running the modules ----------------------------------------------------------------------------

def run_module(name, ctx):
    """The module's measures; a module that crashes is one failed row carrying the traceback."""
    try:
        module = importlib.import_module(f"bench.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"bench.{name}":
            return None  # not written yet: left out of the table, said in the notes
        return [crashed(name, error)]
    except Exception as error:  # noqa: BLE001
        return [crashed(name, error)]
    started = time.monotonic()
    try:
        measures = list(module.run(ctx))
    except Exception as error:  # noqa: BLE001 - one module's failure is a row, not the end of the run
        return [crashed(name, error)]
    for measure in measures:
        measure.detail.setdefault("module", name)
        measure.detail.setdefault("module_seconds", round(time.monotonic() - started, 1))
    return measures


def crashed(name, error):
    return Measure(name=f"{name}: the measure crashed", value=math.nan, unit="", goal="runs", met=False,
                   detail={"module": name, "error": f"{type(error).__name__}: {error}",
                           "traceback": traceback.format_exc()})


# --- the table and the JSON ---------------------------------------------------------------------------

def _number(value, unit=""):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def table_rows(measures):
    rows = [("measure", "value", "rendered", "floor", "ratio", "goal", "met")]
    for measure in measures:
        rendered = (measure.detail or {}).get("rendered_ms")
        rows.append((
            measure.name,
            _number(measure.value, measure.unit),
            _number(rendered, "ms") if rendered is not None else "",
            _number(measure.floor, measure.unit) if measure.floor is not None else "",
            f"{_number(measure.ratio)}×" if measure.ratio is not None and not math.isnan(measure.ratio) else "",
            measure.goal,
            "✓" if measure.met else "✗",
        ))
    return rows


def format_table(measures, machine_info=None, *, markdown=False):
    rows = table_rows(measures)
    lines = []
    if markdown:
        lines.append("| " + " | ".join(rows[0]) + " |")
        lines.append("|" + "|".join(["---", "---:", "---:", "---:", "---:", "---", ":---:"]) + "|")
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows[1:]]
    else:
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        right = {1, 2, 3, 4}
        for index, row in enumerate(rows):
            cells = [cell.rjust(widths[c]) if c in right else cell.ljust(widths[c]) for c, cell in enumerate(row)]
            lines.append("  ".join(cells).rstrip())
            if index == 0:
                lines.append("  ".join("-" * width for width in widths))
    met = sum(1 for measure in measures if measure.met)
    lines.append("")
    lines.append(f"{met} of {len(measures)} goals met.")
    if machine_info:
        lines.append(describe_machine(machine_info))
    return "\n".join(lines)


def describe_machine(info):
    return (f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM; Python {info['python']}, "
            f"PostgreSQL {info['postgresql']}; cache {info.get('cache', '?')}; {info['date']}; "
            f"commit {info['commit']}.")


def _plain(value):
    """JSON has no NaN: a missing figure is null."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def report(measures, machine_info, **about):
    return _plain({
        "machine": machine_info,
        **about,
        "goals_met": sum(1 for measure in measures if measure.met),
        "measures": [measure.as_dict() for measure in measures],
    })


def write_results(results_dir, data, now=None):
    now = now or dt.datetime.now(dt.timezone.utc)
    folder = Path(results_dir)
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    stamped = folder / f"{now.strftime('%Y%m%dT%H%M%SZ')}.json"
    stamped.write_text(text)
    (folder / "latest.json").write_text(text)
    return stamped


# --- the command ------------------------------------------------------------------------------------

def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(MODULES),
                        help=f"comma-separated measures to run, of {','.join(MODULES)} (default: all)")
    parser.add_argument("--factor", type=float, default=100,
                        help="seed_scale's factor for the bench data: 100 = a county (default), 0 = the demo only")
    parser.add_argument("--quick", action="store_true", help="short runs, to check the harness (not for the README)")
    parser.add_argument("--keep-data", action="store_true",
                        help="reuse the bench database as it is, even if built at another factor")
    parser.add_argument("--results-dir", default=str(BASE_DIR / "bench" / "results"))
    parser.add_argument("--markdown", metavar="JSON",
                        help="print the table of an earlier run's JSON as Markdown (for README), measure nothing")
    args = parser.parse_args(argv)
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in args.only if name not in MODULES]
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(unknown)}; known: {', '.join(MODULES)}")
    return args


def markdown_from(path):
    data = json.loads(Path(path).read_text())
    measures = [Measure(**{**row, "value": math.nan if row["value"] is None else row["value"]})
                for row in data["measures"]]
    return format_table(measures, data["machine"], markdown=True)


def main(argv=None):
    args = parse_args(argv)
    if args.markdown:
        print(markdown_from(args.markdown))
        return 0
    os.chdir(BASE_DIR)
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    started = dt.datetime.now(dt.timezone.utc)
    try:
        build = ensure_database(database_url, args.factor, keep_data=args.keep_data)
        collect_static(database_url)
        setup_django(database_url)
    except HarnessError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    ctx = Context(database_url=database_url, factor=build["factor"], results_dir=args.results_dir,
                  quick=args.quick, extra={"settings": SETTINGS, "base_dir": str(BASE_DIR)})
    measures, notes = [], []
    for name in args.only:
        print(f"Measuring {name} …", flush=True)
        result = run_module(name, ctx)
        if result is None:
            notes.append(f"bench/{name}.py is not there: not measured.")
            print(f"  {notes[-1]}")
            continue
        for measure in result:
            flag = "✓" if measure.met else "✗"
            print(f"  {flag} {measure.name}: {_number(measure.value, measure.unit)}", flush=True)
        measures.extend(result)
    info = machine(database_url)
    print()
    print(format_table(measures, info))
    for note in notes:
        print(note)
    data = report(measures, info, factor=build["factor"], quick=args.quick, database=build,
                  started=started.isoformat(timespec="seconds"),
                  finished=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), notes=notes)
    path = write_results(args.results_dir, data, now=started)
    print(f"Written: {os.path.relpath(path, BASE_DIR)} and latest.json")
    if not measures:
        print("bench: nothing was measured", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
