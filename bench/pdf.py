"""The year-end summary PDF against WeasyPrint alone (issue 9).

The busiest year of the bench database (the most suggestions) is rendered as the portal's export
job renders it — figures, draft, document, HTML, PDF: reports.exports.build_annual — and the same
final HTML string is then given to WeasyPrint alone, with the same stylesheet (parsed once) and
no other code of ours. Both are timed in the same process, interleaved, median of three, after
one warm-up render each (fonts loaded, templates compiled), so the ratio is ours over the floor.

Goals: ≤ 1.5× WeasyPrint alone, ≤ 5 MB.

The measurement runs in a subprocess (Django is set up there, not in the runner):

    python -m bench.pdf --database-url postgres://… [--repeat 3] [--output FILE.pdf] [--profile FILE.html]

prints one JSON object. If the busiest year has no report yet, its first draft is written inside
a transaction that is rolled back at the end, so the bench database is left as it was.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import Measure

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.5
GOAL_MB = 5.0


def _settings_module():
    return "config.settings.bench" if (ROOT / "config" / "settings" / "bench.py").exists() else "config.settings.local"


def run(ctx):
    output = Path(tempfile.gettempdir()) / "bench-annual-report.pdf"
    command = [sys.executable, "-m", "bench.pdf", "--database-url", ctx.database_url,
               "--repeat", "1" if ctx.quick else "3", "--output", str(output)]
    env = dict(os.environ, DATABASE_URL=ctx.database_url,
               DJANGO_SETTINGS_MODULE=ctx.extra.get("settings") or _settings_module())
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench.pdf failed ({done.returncode}):\n{done.stderr[-4000:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    ours, alone, size_mb = data["ours_s"], data["weasyprint_s"], data["size_mb"]
    ratio = ours / alone if alone else None
    common = {"year": data["year"], "suggestions": data["suggestions"], "factor": ctx.factor,
              "pages": data["pages"] or data["weasyprint_pages"]}  # pdfinfo's count, else WeasyPrint's
    return [
        Measure(
            name="year-end PDF", value=round(ours, 3), unit="s", goal=f"≤ {GOAL_RATIO:g}× floor",
            met=ratio is not None and ratio <= GOAL_RATIO, floor=round(alone, 3),
            ratio=round(ratio, 2) if ratio is not None else None,
            detail={**common, "floor": "WeasyPrint alone on the same HTML and stylesheet",
                    "ours_runs_s": data["ours_runs_s"], "weasyprint_runs_s": data["weasyprint_runs_s"],
                    "phases_s": data["phases_s"], "queries": data["queries"], "html_chars": data["html_chars"],
                    "warm_up_s": data["warm_up_s"], "report": data["report"], "pdf": data["output"]},
        ),
        Measure(
            name="year-end PDF size", value=round(size_mb, 2), unit="MB", goal=f"≤ {GOAL_MB:g} MB",
            met=size_mb <= GOAL_MB, detail={**common, "bytes": data["bytes"], "fonts": data["fonts"]},
        ),
    ]


# --- in the subprocess ----------------------------------------------------------------------------

def _busiest_year():
    from django.db.models import Count

    from motions.models import Suggestion

    row = (Suggestion.objects.order_by().values("year").annotate(n=Count("pk")).order_by("-n", "-year").first())
    if row is None:
        raise SystemExit("No suggestions in this database: run seed_demo (and seed_scale) first.")
    return row["year"], row["n"]


def _report(year):
    """The version that speaks for `year`, or a first draft written now (rolled back later)."""
    from core.models import User
    from reports.services_annual import annual_report_draft, current_version

    report = current_version(year)
    if report is not None:
        return report
    actor = next((user for user in User.objects.filter(is_active=True).order_by("pk") if user.is_office), None)
    if actor is None:
        raise SystemExit("No office account to write the first draft with: run seed_demo first.")
    return annual_report_draft(year=year, actor=actor)


def _phases(report):
    """One render split into its steps, for the JSON (not the measure)."""
    from reports import pdf
    from reports.annual.document import annual_document
    from reports.annual.draft import annual_records
    from reports.annual.figures import annual_figures

    phases = {}
    started = time.perf_counter()
    annual_figures(report.year)
    phases["figures"] = time.perf_counter() - started
    started = time.perf_counter()
    annual_records(report.year)
    phases["records"] = time.perf_counter() - started
    started = time.perf_counter()
    document = annual_document(report)  # figures and records again, plus the sections
    phases["document"] = time.perf_counter() - started
    started = time.perf_counter()
    html = pdf.document_html(document)
    phases["html"] = time.perf_counter() - started
    started = time.perf_counter()
    pdf.render_pdf(document)
    phases["render_pdf"] = time.perf_counter() - started
    return {key: round(value, 3) for key, value in phases.items()}, html


def _page_count(content):
    try:
        info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in info.decode(errors="replace").splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def _fonts(content):
    try:
        listed = subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [line.split()[0] for line in listed.decode(errors="replace").splitlines()[2:] if line.strip()]


def measure(repeat=3, output=None, profile=None):
    from types import SimpleNamespace

    import weasyprint
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from reports import pdf
    from reports.exports import build_annual

    year, suggestions = _busiest_year()
    with transaction.atomic():
        report = _report(year)
        job = SimpleNamespace(parameters={"report": report.pk})

        def ours():
            return build_annual(job, lambda *args: None)[1]

        # The exact HTML our path hands to WeasyPrint, caught on the warm-up render.
        caught = []
        real_document_html = pdf.document_html

        def catching(document):
            caught.append(real_document_html(document))
            return caught[-1]

        pdf.document_html = catching
        try:
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                content = ours()
            warm_ours = time.perf_counter() - started
        finally:
            pdf.document_html = real_document_html
        html = caught[-1]

        # WeasyPrint alone: the same string and stylesheet, the same font configuration (the one
        # our renderer keeps, if it keeps one), the same base URL; the stylesheet parsed once, as
        # ours is.
        stylesheet = weasyprint.CSS(filename=str(pdf.STYLESHEET))
        font_config = pdf._font_config() if hasattr(pdf, "_font_config") else None

        def alone():
            document = weasyprint.HTML(string=html, base_url=None).render(stylesheets=[stylesheet],
                                                                          font_config=font_config)
            return document.write_pdf(), len(document.pages)

        started = time.perf_counter()
        alone_content, alone_pages = alone()
        warm_alone = time.perf_counter() - started

        ours_runs, alone_runs = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            content = ours()
            ours_runs.append(time.perf_counter() - started)
            started = time.perf_counter()
            alone()
            alone_runs.append(time.perf_counter() - started)

        phases, phase_html = _phases(report)
        if profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.002)
            with profiler:
                ours()
            Path(profile).write_text(profiler.output_html() if profile.endswith(".html")
                                     else profiler.output_text(color=False, show_all=False))
        transaction.set_rollback(True)

    if output:
        Path(output).write_bytes(content)
    return {
        "year": year, "suggestions": suggestions, "report": f"v{report.version} {report.status}",
        "ours_s": statistics.median(ours_runs), "weasyprint_s": statistics.median(alone_runs),
        "ours_runs_s": [round(value, 3) for value in ours_runs],
        "weasyprint_runs_s": [round(value, 3) for value in alone_runs],
        "warm_up_s": {"ours": round(warm_ours, 3), "weasyprint": round(warm_alone, 3)},
        "phases_s": phases, "queries": len(queries), "html_chars": len(html),
        "html_stable": phase_html == html,
        "bytes": len(content), "size_mb": len(content) / 1e6, "weasyprint_bytes": len(alone_content),
        "pages": _page_count(content), "weasyprint_pages": alone_pages, "fonts": _fonts(content),
        "output": str(output) if output else None,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", help="write our PDF here")
    parser.add_argument("--profile", help="write a pyinstrument profile of one render of ours here (.html, else text)")
    args = parser.parse_args(argv)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", _settings_module())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(json.dumps(measure(args.repeat, args.output, args.profile), ensure_ascii=False))


if __name__ == "__main__":
    main()
