"""python manage.py annual_report --year 2026 --output report.pdf

Renders the current version of the year's work summary and plan: the latest final version, or
else the latest draft (marked as a draft on every page)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.services_annual import annual_report_pdf, current_version


class Command(BaseCommand):
    help = "Render the year-end work summary and plan of a year as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", required=True, help="The PDF file to write.")

    def handle(self, *args, year, output, **options):
        report = current_version(year)
        if report is None:
            raise CommandError(f"No work summary of {year} has been drafted yet: write the first draft in the portal.")
        Path(output).write_bytes(annual_report_pdf(report))
        state = "final" if report.is_final else "draft"
        self.stdout.write(f"Wrote {output}: {report.title}, version {report.version} ({state}).")
