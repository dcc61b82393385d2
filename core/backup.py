"""Backups of the whole portal: the database and the uploaded files (MEDIA_ROOT), in one folder
with a manifest of checksums, and their restoration (`manage.py backup`, `manage.py restore`).

A backup folder holds
    database.pgdump     PostgreSQL: `pg_dump --format=custom`, one consistent snapshot
    database.sqlite3    SQLite: a copy made with SQLite's online backup API, consistent while
                        the web app and the workers keep writing
    media.tar.gz        MEDIA_ROOT
    manifest.json       when, which database engine, the applied Django migrations, how many
                        files, and the sha256 of each part above
The database is copied before the files, so a file uploaded during the backup may be in the
archive without its row (harmless) but every row of the copy has its file unless the file was
deleted in those seconds. The folder is written under a ".partial" name and renamed when
complete, so a backup cut short never looks like one, and `--keep` never counts it.
"""
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import pagecache

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
FOLDER_PREFIX = "portal-backup-"
FOLDER_PATTERN = re.compile(rf"^{FOLDER_PREFIX}(\d{{8}}-\d{{6}})(?:-(\d+))?$")
FORMAT = 1


class BackupError(Exception):
    """A backup or a restore cannot go on; the message says why and what to do."""


def default_root():
    return Path(settings.BACKUP_DIR)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


# --- Backing up ---------------------------------------------------------------------------------

def backup_create(*, root=None, keep=None, using="default"):
    """Write a new backup folder under `root` (BACKUP_DIR by default) and return its path; with
    `keep`, then delete all but the newest `keep` backup folders there."""
    if keep is not None and keep < 1:
        raise BackupError("--keep must be at least 1: the backup just made is always kept.")
    root = Path(root or default_root())
    root.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    folder = _new_folder(root)
    partial = folder.with_name(folder.name + ".partial")
    partial.mkdir(mode=0o700)  # minutes, letters and mobile numbers: for the portal's user only
    try:
        database_file = partial / DATABASE_FILES[vendor]
        database = {"engine": connection.settings_dict["ENGINE"], "vendor": vendor, "file": database_file.name}
        if vendor == "postgresql":
            database.update(_pg_dump(connection, database_file))
        else:
            _sqlite_copy(connection, database_file)
        media = _media_archive(Path(settings.MEDIA_ROOT), partial / MEDIA_ARCHIVE)
        parts = {name: {"sha256": sha256_of(partial / name), "bytes": (partial / name).stat().st_size}
                 for name in (database_file.name, MEDIA_ARCHIVE)}
        manifest = {
            "format": FORMAT,
            "created": timezone.localtime().isoformat(timespec="seconds"),
            "database": database,
            "migrations": _applied_migrations(connection),
            "media": media,
            "parts": parts,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if keep is not None:
        backups_prune(root, keep=keep)
    return folder


def _new_folder(root):
    stamp = f"{FOLDER_PREFIX}{timezone.localtime():%Y%m%d-%H%M%S}"
    folder, n = root / stamp, 1
    while folder.exists() or folder.with_name(folder.name + ".partial").exists():
        n += 1
        folder = root / f"{stamp}-{n}"
    return folder


def _sqlite_copy(connection, target):
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        with connection.wrap_database_errors:
            connection.connection.backup(copy)
    finally:
        copy.close()


def _pg_environment(connection):
    """The libpq environment naming the configured database: the password never goes on a
    command line (where `ps` would show it)."""
    params = connection.settings_dict
    environment = {**os.environ, "PGDATABASE": params["NAME"]}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if params.get(key):
            environment[variable] = str(params[key])
    sslmode = (params.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = sslmode
    return environment


def client_major_version(program):
    """The major version of pg_dump or pg_restore on the PATH ("pg_dump (PostgreSQL) 15.20" → 15)."""
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed: apt-get install postgresql-client "
                          f"(the version of the PostgreSQL server or newer).")
    output = subprocess.run([program, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if not match:
        raise BackupError(f"Cannot read the version of {program} from {output!r}.")
    return int(match.group(1))


def server_major_version(connection):
    connection.ensure_connection()
    return connection.pg_version // 10000


def _run(command, connection, what):
    result = subprocess.run(command, env=_pg_environment(connection), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{what} failed (exit {result.returncode}):\n{result.stderr.strip()}")
    return result


def _pg_dump(connection, target):
    client, server = client_major_version("pg_dump"), server_major_version(connection)
    # pg_dump reads servers of its own major version and older ones, never newer ones.
    if client < server:
        raise BackupError(f"pg_dump {client} cannot dump a PostgreSQL {server} server: install "
                          f"postgresql-client-{server} (or newer) and put its pg_dump first on the PATH.")
    _run(["pg_dump", "--format=custom", "--no-password", f"--file={target}"], connection, "pg_dump")
    return {"server_version": server, "pg_dump_version": client}


def _media_archive(media_root, target):
    count = size = 0
    with tarfile.open(target, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=path.relative_to(media_root).as_posix(), recursive=False)
                    count += 1
                    size += path.stat().st_size
    return {"file": target.name, "files": count, "bytes": size}


def _applied_migrations(connection):
    applied = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def backup_folders(root):
    """The complete backup folders under `root`, oldest first (their names sort by time)."""
    root = Path(root)
    if not root.is_dir():
        return []
    found = []
    for path in root.iterdir():
        match = FOLDER_PATTERN.match(path.name)
        if match and path.is_dir() and (path / MANIFEST).is_file():
            found.append(((match.group(1), int(match.group(2) or 1)), path))
    return [path for _, path in sorted(found)]


def backups_prune(root, *, keep):
    """Delete all but the newest `keep` backup folders under `root`; only folders named and made
    by `backup_create` are touched. Returns the deleted paths."""
    doomed = backup_folders(root)[:-keep]
    for path in doomed:
        shutil.rmtree(path)
    return doomed


# --- Restoring ----------------------------------------------------------------------------------

def backup_verify(folder):
    """Read the manifest of `folder` and check every part against its sha256; returns the
    manifest, or refuses with BackupError naming the part that does not match."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as missing:
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.") from missing
    except (ValueError, UnicodeDecodeError) as damaged:
        raise BackupError(f"The {MANIFEST} of {folder} is damaged: {damaged}") from damaged
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} was written by another version of the backup command.")
    parts = manifest.get("parts") or {}
    database_file = (manifest.get("database") or {}).get("file")
    if database_file not in parts or MEDIA_ARCHIVE not in parts:
        raise BackupError(f"The {MANIFEST} of {folder} does not list the database and the files.")
    for name, part in parts.items():
        path = folder / name
        if Path(name).name != name or not path.is_file():
            raise BackupError(f"{name} is missing from {folder}.")
        if sha256_of(path) != part.get("sha256"):
            raise BackupError(f"{name} in {folder} does not match its checksum in {MANIFEST}: the backup was "
                              f"changed or damaged after it was written. Nothing was restored.")
    return manifest


def backup_restore(folder, *, using="default"):
    """Replace the configured database and MEDIA_ROOT with the backup in `folder`, after checking
    it. Returns the manifest."""
    folder = Path(folder)
    manifest = backup_verify(folder)
    connection = connections[using]
    vendor = manifest["database"].get("vendor")
    if vendor != connection.vendor:
        raise BackupError(f"This backup is of a {vendor} database; the portal is configured for "
                          f"{connection.vendor}. Nothing was restored.")
    database_file = folder / manifest["database"]["file"]
    if vendor == "postgresql":
        _pg_restore(connection, database_file, manifest)
    else:
        _sqlite_restore(connection, database_file)
    _media_restore(folder / MEDIA_ARCHIVE, Path(settings.MEDIA_ROOT))
    pagecache.forget_all()  # the rows came back around the ORM: no page kept before shows them
    return manifest


def _pg_restore(connection, source, manifest):
    client = client_major_version("pg_restore")
    dumped_by = manifest["database"].get("pg_dump_version") or 0
    if client < dumped_by:
        raise BackupError(f"This backup was written by pg_dump {dumped_by}; pg_restore {client} cannot read it. "
                          f"Install postgresql-client-{dumped_by} or newer. Nothing was restored.")
    connection.close()  # hold no lock on the tables pg_restore drops
    # One transaction: a restore that fails half-way leaves the database as it was.
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
          "--no-password", f"--dbname={connection.settings_dict['NAME']}", str(source)], connection, "pg_restore")


def _sqlite_restore(connection, source):
    """Copy the backup into the live database with SQLite's backup API: it writes under SQLite's
    own lock, so the web app and the workers see the old database or the new one, never a mixture,
    and the file's WAL and shared-memory companions stay consistent (replacing the file underneath
    them would not)."""
    copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        connection.ensure_connection()
        with connection.wrap_database_errors:
            copy.backup(connection.connection)
    finally:
        copy.close()
    connection.close()


def _media_restore(archive_path, media_root):
    """Unpack the archive next to MEDIA_ROOT, then swap the folders, so MEDIA_ROOT is never half
    restored."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=media_root.parent))
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
            archive.extractall(fresh, filter="data")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = media_root.with_name(media_root.name + ".before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if media_root.exists():
        media_root.rename(old)
    try:
        fresh.rename(media_root)
    except BaseException:
        old.rename(media_root)
        raise
    shutil.rmtree(old, ignore_errors=True)


def pending_migrations(using="default"):
    """Migrations of this code that the (restored) database has not applied yet."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def describe(manifest):
    created = manifest.get("created", "?")
    media = manifest.get("media") or {}
    return (f"backup of {created}: {manifest['database'].get('vendor')} database, "
            f"{media.get('files', '?')} uploaded files")

