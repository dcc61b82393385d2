"""python manage.py export_deputies OUT.xlsx [--term 11] [--date YYYY-MM-DD]"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deputies.roster_excel import export_day, roster_for_export, write_roster

from .import_deputies import iso_date, term_for_command


class Command(BaseCommand):
    help = (
        "Write the roster of township deputies in office on a date to an Excel sheet (.xlsx) in the office's "
        "layout, which import_deputies reads back unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="the .xlsx file to write")
        parser.add_argument("--term", type=int, help="the term's number, such as 11; default: the current term")
        parser.add_argument("--date", type=iso_date, help="the roster of this day, YYYY-MM-DD; default: today")

    def handle(self, *args, out, term, date, **options):
        term = term_for_command(term)
        if date and not term.start_date <= date <= term.end_date:
            raise CommandError(_("The date must fall within %(term)s: %(start)s to %(end)s.")
                               % {"term": term, "start": term.start_date, "end": term.end_date})
        path = Path(out)
        if not path.parent.is_dir():
            raise CommandError(_("No such folder: %(path)s") % {"path": path.parent})
        day = export_day(term, date)
        workbook = write_roster(roster_for_export(term=term, day=day), term=term, day=day)
        workbook.save(path)
        count = workbook.active.max_row - 2  # below the title and header rows
        self.stdout.write(self.style.SUCCESS(ngettext(
            "%(count)d deputy of %(term)s in office on %(date)s written to %(path)s.",
            "%(count)d deputies of %(term)s in office on %(date)s written to %(path)s.", count,
        ) % {"count": count, "term": term, "date": day, "path": path}))
