"""Seed the Holiday table from the chinesecalendar package, leaving the rows staff entered alone."""
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.models import Holiday
from core.services import holidays_load_from_package
from core.workdays import package_years

FIRST_YEAR = 2020


class Command(BaseCommand):
    help = (
        "Copy the public holidays and adjusted working days of the chinesecalendar package into "
        "the holiday table. Days entered by staff are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from-year", type=int, default=FIRST_YEAR, help=_("default: %(year)s") % {
            "year": FIRST_YEAR})
        parser.add_argument("--to-year", type=int, help=_("default: the last year the package knows"))

    def handle(self, *args, from_year, to_year, **options):
        known = package_years()
        if to_year is None:
            to_year = max(from_year, max(known))
        if from_year > to_year:
            raise CommandError(_("--from-year must not come after --to-year."))

        result = holidays_load_from_package(from_year=from_year, to_year=to_year)
        figures = {
            "from_year": from_year, "to_year": to_year, "created": result.created,
            "updated": result.updated, "removed": result.removed, "unchanged": result.unchanged,
            "kept": result.kept_manual,
        }
        if result.changed:
            message = _(
                "Holidays %(from_year)s–%(to_year)s: %(created)d created, %(updated)d updated, "
                "%(removed)d removed, %(unchanged)d unchanged; %(kept)d entered by staff kept."
            )
            self.stdout.write(self.style.SUCCESS(message % figures))
        else:
            message = _(
                "Holidays %(from_year)s–%(to_year)s already match the package: nothing changed "
                "(%(unchanged)d unchanged; %(kept)d entered by staff kept)."
            )
            self.stdout.write(message % figures)

        this_year = timezone.localdate().year
        for year in sorted(set(result.years_without_data) | {this_year, this_year + 1}):
            if year not in known:
                self.stdout.write(self.style.WARNING(self._no_data_warning(year)))

    def _no_data_warning(self, year):
        entered = Holiday.objects.filter(day__year=year).count()
        if entered:
            return ngettext(
                "%(year)s: the chinesecalendar package has no data; using the %(count)d day "
                "entered by staff, check that the year is complete.",
                "%(year)s: the chinesecalendar package has no data; using the %(count)d days "
                "entered by staff, check that the year is complete.",
                entered,
            ) % {"year": year, "count": entered}
        return _(
            "%(year)s: the chinesecalendar package has no data; enter the year's holidays in the admin."
        ) % {"year": year}
