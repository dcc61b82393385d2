"""python manage.py chase_overdue [--today YYYY-MM-DD] [--dry-run]: the daily chase, by hand."""
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.chase_engine import chase_run
from core.models import Reminder


class Command(BaseCommand):
    help = "Send today's reminders of the chase (SPEC §4), each once per item, kind, recipient and day."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to chase for, YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="count the reminders due, send nothing")

    def handle(self, *args, today=None, dry_run=False, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today must be a date such as 2026-11-24: {error}") from error
        result = chase_run(today=day, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"Chase of {day:%Y-%m-%d}: {result.items} open items; {verb} {result.total} reminders.")
        for kind in Reminder.Kind:
            self.stdout.write(f"  {kind.value:<17} {result.counts[kind.value]}")
        if not dry_run:
            self.stdout.write(f"  inbox messages created: {result.notified}")
