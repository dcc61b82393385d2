"""python manage.py restore DIR [--yes]: check a backup folder against its manifest, then replace
the database and MEDIA_ROOT with it (core.backup)."""
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backup import BackupError, backup_restore, backup_verify, describe, pending_migrations


class Command(BaseCommand):
    help = ("Restore a folder written by `manage.py backup`: every part is checked against manifest.json, "
            "then the database and the uploaded files are REPLACED by the backup's.")

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="a backup folder (portal-backup-…)")
        parser.add_argument("--yes", action="store_true",
                            help="replace the database and the files without asking")

    def handle(self, *args, folder, yes=False, **options):
        try:
            manifest = backup_verify(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        database = connection.settings_dict["NAME"]
        self.stdout.write(f"{folder}: {describe(manifest)}; every checksum matches.")
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("Restoring replaces the database and every uploaded file. "
                                   "Run again with --yes to do it. Nothing was restored.")
            answer = input(f"Replace the database {database} and every uploaded file with this backup? "
                           "Type yes to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            backup_restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the database {database} and the uploaded files."))
        if pending_migrations():
            self.stdout.write(self.style.WARNING(
                "The code is newer than the backup: run `python manage.py migrate` before starting the portal."))
        self.stdout.write("Then start the web app and the workers again "
                          "(systemctl start portal-web portal-worker portal-beat).")
