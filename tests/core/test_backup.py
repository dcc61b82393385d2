"""`manage.py backup` and `manage.py restore`: a restored portal is the portal that was backed up,
row for row and byte for byte, on SQLite and on PostgreSQL; a changed backup is refused."""
import hashlib
import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from congress.models import Meeting
from core import backup
from core.models import HandlingUnit, Notification, User
from tests.congress.factories import SessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def table_fingerprints():
    """Every table's row count and a checksum of its rows, whatever their order on disk."""
    fingerprints = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))
                          for row in cursor.fetchall())
            fingerprints[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return fingerprints


def media_files(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in Path(root).rglob("*") if path.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def add_uploads(media):
    """A meeting with its minutes uploaded, and a photo."""
    meeting = Meeting.objects.order_by("pk").first() or SessionFactory()
    meeting.minutes_file.save("纪要.pdf", ContentFile(b"%PDF-1.4 minutes of the session"))
    (media / "supervision" / "2026").mkdir(parents=True)
    (media / "supervision" / "2026" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + os.urandom(5000))
    return meeting


@pytest.fixture
def uploads(media):
    return add_uploads(media)


@pytest.fixture
def portal(media):
    """The demo township (whose office has exported the year's ledger once), with a few uploaded files."""
    call_command("seed_demo", stdout=StringIO())
    return add_uploads(media)


def backup_to(folder):
    call_command("backup", output=str(folder), stdout=StringIO())
    (made,) = backup.backup_folders(folder)
    return made


def test_a_restore_brings_back_every_row_and_every_file(portal, media, tmp_path):
    rows_before, files_before = table_fingerprints(), media_files(media)
    assert rows_before["motions_suggestion"][0] > 0 and len(files_before) == 3  # the ledger, minutes, photo
    folder = backup_to(tmp_path / "backups")

    # A bad day: rows changed, added and deleted, files deleted, changed and added.
    User.objects.update(name="改坏了")
    Notification.objects.all().delete()
    HandlingUnit.objects.create(name="新来的单位")
    Path(portal.minutes_file.path).unlink()
    (media / "supervision" / "2026" / "photo.jpg").write_bytes(b"overwritten")
    (media / "stray.pdf").write_bytes(b"%PDF stray")
    assert table_fingerprints() != rows_before

    call_command("restore", str(folder), yes=True, stdout=StringIO())

    assert table_fingerprints() == rows_before
    assert media_files(media) == files_before
    assert not (media.parent / "media.before-restore").exists()


def test_the_manifest_describes_the_backup(portal, media, tmp_path):
    folder = backup_to(tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    database_file = backup.DATABASE_FILES[connection.vendor]
    assert manifest["database"]["engine"] == connection.settings_dict["ENGINE"]
    assert manifest["media"]["files"] == 3
    assert "0001_initial" in manifest["migrations"]["motions"]
    assert set(manifest["parts"]) == {database_file, "media.tar.gz"}
    for name, part in manifest["parts"].items():
        assert part["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest()
    assert not list((tmp_path / "backups").glob("*.partial"))


@pytest.mark.parametrize("part", ["database", "media.tar.gz"])
def test_a_changed_backup_is_refused_and_nothing_is_restored(uploads, media, tmp_path, part):
    folder = backup_to(tmp_path / "backups")
    name = backup.DATABASE_FILES[connection.vendor] if part == "database" else part
    with open(folder / name, "ab") as handle:
        handle.write(b"\0")
    HandlingUnit.objects.create(name="备份之后的单位")
    (media / "after.pdf").write_bytes(b"%PDF after")

    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(folder), yes=True, stdout=StringIO())

    assert HandlingUnit.objects.filter(name="备份之后的单位").exists()
    assert (media / "after.pdf").exists()


def test_a_folder_without_manifest_is_refused(tmp_path):
    (tmp_path / "not-a-backup").mkdir()
    with pytest.raises(CommandError, match="no manifest.json"):
        call_command("restore", str(tmp_path / "not-a-backup"), yes=True, stdout=StringIO())


def test_restore_asks_before_replacing_anything(uploads, media, tmp_path):
    folder = backup_to(tmp_path / "backups")
    HandlingUnit.objects.create(name="备份之后的单位")
    # The tests' stdin is no terminal: without --yes nothing is asked and nothing restored.
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(folder), stdout=StringIO())
    assert HandlingUnit.objects.filter(name="备份之后的单位").exists()


def test_keep_deletes_only_the_oldest_backup_folders(media, tmp_path):
    root = tmp_path / "backups"
    (root / "mine").mkdir(parents=True)
    made = [backup.backup_create(root=root, keep=2) for _ in range(3)]
    assert backup.backup_folders(root) == made[1:]
    assert not made[0].exists()
    assert (root / "mine").is_dir()


def test_backup_dir_is_the_default_folder(media, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "elsewhere"
    call_command("backup", stdout=StringIO())
    assert len(backup.backup_folders(tmp_path / "elsewhere")) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is PostgreSQL's")
def test_a_pg_dump_older_than_the_server_is_refused_clearly(media, tmp_path, monkeypatch):
    server = backup.server_major_version(connection)
    monkeypatch.setattr(backup, "client_major_version", lambda program: server - 1)
    with pytest.raises(CommandError, match=f"postgresql-client-{server}"):
        call_command("backup", output=str(tmp_path), stdout=StringIO())
    assert not list(tmp_path.iterdir())
