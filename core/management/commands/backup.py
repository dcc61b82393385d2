"""python manage.py backup [--output DIR] [--keep N]: the database and the uploaded files, with a
manifest of checksums, in a new timestamped folder (core.backup)."""
import json

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_create, default_root, describe


class Command(BaseCommand):
    help = ("Back up the database (pg_dump or SQLite's online backup) and MEDIA_ROOT into a new folder "
            "portal-backup-YYYYmmdd-HHMMSS with a manifest.json of checksums.")

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="DIR",
                            help=f"the folder to create the backup in (default: BACKUP_DIR, now {default_root()})")
        parser.add_argument("--keep", type=int, metavar="N",
                            help="afterwards delete all but the newest N backup folders in that folder")

    def handle(self, *args, output=None, keep=None, **options):
        try:
            folder = backup_create(root=output, keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        self.stdout.write(self.style.SUCCESS(f"Backed up to {folder}"))
        self.stdout.write(f"  {describe(manifest)}")
