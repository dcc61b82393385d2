"""Time one or more of the bench's pages in this process, for working on a slow one.

    python -m bench.probe [--requests 5] [--profile] PATTERN [PATTERN ...]

Each pattern picks the pages of bench/pages.py whose label contains it ("office_queue",
"dashboard as unit", "as deputy"). The pages are requested through Django's test client on the
bench database (BENCH_DATABASE_URL, built by `make bench`), signed in as in the suite: no gunicorn
and no load generator, so the figure is the server's own time for one request, after one warm-up
request. --profile prints pyinstrument's call tree of the last request of each page.
"""
import argparse
import os
import statistics
import sys
import time

import django

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="+")
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    django.setup()

    from django.test import Client

    from bench.pages import PAGES, QueryCounter, targets

    chosen = [page for page in PAGES if any(pattern in page.label for pattern in args.patterns)]
    if not chosen:
        sys.exit(f"no page of bench/pages.py matches {args.patterns}")
    for page, path, cookie, why_not in targets(chosen):
        if path is None:
            print(f"{page.label}: {why_not}")
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        if cookie:
            client.cookies.load(cookie)
        with QueryCounter() as queries:
            status = client.get(path).status_code
        latencies = []
        profiler = None
        for number in range(args.requests):
            if args.profile and number == args.requests - 1:
                from pyinstrument import Profiler

                profiler = Profiler()
                profiler.start()
            started = time.perf_counter()
            client.get(path)
            latencies.append((time.perf_counter() - started) * 1000)
        if profiler:
            profiler.stop()
        print(f"{page.label}: {path} → {status}, median {statistics.median(latencies):.1f} ms "
              f"(min {min(latencies):.1f}), {queries.count} queries")
        if profiler:
            print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
