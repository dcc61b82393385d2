"""python manage.py import_deputies ROSTER.xlsx [--term 11] [--elected-on 2021-11-26] [--dry-run]"""
import argparse
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.exceptions import ApplicationError
from deputies.forms_excel import default_term
from deputies.models import Term
from deputies.roster_excel import import_roster, plan_roster, read_roster


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“%(value)s” is not a date like 2021-11-26.") % {"value": text}) from None


def term_for_command(number):
    """The term numbered `number`, or the current one (the latest when none is current)."""
    term = Term.objects.filter(number=number).first() if number is not None else default_term()
    if term is None:
        raise CommandError(_("No term numbered %(number)s.") % {"number": number} if number is not None
                           else _("No term has been entered yet."))
    return term


def describe(error):
    if error.row is None:
        return error.message
    if error.column:
        return _("Row %(row)d, %(column)s: %(message)s") % {"row": error.row, "column": error.column,
                                                              "message": error.message}
    return _("Row %(row)d: %(message)s") % {"row": error.row, "message": error.message}


class Command(BaseCommand):
    help = (
        "Import the deputies roster from the office's Excel sheet (.xlsx). Every row is checked first: "
        "when any row is wrong, each is printed with its row number and reason, nothing is imported "
        "and the command exits with status 1. Importing the same sheet again updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the roster sheet, .xlsx")
        parser.add_argument("--term", type=int, help="the term's number, such as 11; default: the current term")
        parser.add_argument("--elected-on", type=iso_date,
                            help="election date of deputies new to the portal, YYYY-MM-DD; "
                                 "default: the term's first day")
        parser.add_argument("--dry-run", action="store_true", help="check the sheet and report, write nothing")

    def handle(self, *args, file, term, elected_on, dry_run, **options):
        term = term_for_command(term)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        result = read_roster(path, term=term)
        errors = sorted(result.errors + plan_roster(result, term=term).errors, key=lambda error: error.row or 0)
        for error in errors:
            self.stderr.write(describe(error))
        if errors:
            raise CommandError(ngettext("%(count)d problem in %(path)s: nothing was imported.",
                                        "%(count)d problems in %(path)s: nothing was imported.", len(errors))
                               % {"count": len(errors), "path": path})
        try:
            with transaction.atomic():
                counts = import_roster(result, term=term, elected_on=elected_on, actor=None)
                transaction.set_rollback(dry_run)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        figures = {"term": term, "rows": len(result.rows), "created": counts.created, "updated": counts.updated,
                   "unchanged": counts.unchanged}
        if dry_run:
            self.stdout.write(_("%(rows)d rows checked, nothing written (--dry-run). Importing would add "
                                "%(created)d, update %(updated)d and leave %(unchanged)d unchanged.") % figures)
        else:
            self.stdout.write(self.style.SUCCESS(_("Roster of %(term)s imported: %(created)d new, %(updated)d "
                                                   "updated, %(unchanged)d unchanged.") % figures))
